package dev.hostbridge.core.platform;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.api.HostPlatformProvider;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Picks the HostPlatform for this run among the providers on the class path. */
public final class PlatformSelector {

  private final List<HostPlatformProvider> providers;
  private final String osName;

  public PlatformSelector(List<HostPlatformProvider> providers, String osName) {
    this.providers = List.copyOf(providers);
    this.osName = osName;
  }

  /** The providers that {@link ServiceLoader} finds with this class's loader. */
  public static PlatformSelector fromClassPath() {
    List<HostPlatformProvider> found = ServiceLoader.load(HostPlatformProvider.class, PlatformSelector.class.getClassLoader())
        .stream().map(ServiceLoader.Provider::get).toList();
    return new PlatformSelector(found, System.getProperty("os.name", ""));
  }

  /** The providers that can run on this operating system, highest priority first. */
  public List<HostPlatformProvider> supported() {
    return providers.stream()
        .filter(p -> p.supports(osName))
        .sorted(Comparator.comparingInt(HostPlatformProvider::priority).reversed())
        .toList();
  }

  /** The supported provider named by the configuration's platform. */
  public HostPlatform select(BridgeConfig config) {
    List<HostPlatformProvider> candidates = supported();
    return candidates.stream()
        .filter(p -> p.name().equals(config.platform()))
        .findFirst()
        .orElseThrow(() -> new BridgeException("platform.unavailable", BridgeException.Kind.USER,
            "no '" + config.platform() + "' platform can run on " + osName
                + (candidates.isEmpty() ? " (no platform supports it)" : "; available here: "
                    + candidates.stream().map(HostPlatformProvider::name).collect(Collectors.joining(", "))),
            "Use --platform with one of the available platforms, or run host-bridge on the machine it is meant for."))
        .create(config);
  }
}
