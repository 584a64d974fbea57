package dev.hostbridge.core.platform;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.api.ConfigSource;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.api.HostPlatformProvider;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Picks the HostPlatform for this run among the providers found: the one {@code --platform} names,
 * or, when none is named, the one with the highest priority among those that support this OS.
 */
public final class PlatformSelector {

  /** What an embedder adds to get the platforms host-bridge ships. */
  static final String ARTIFACTS = "add dev.hostbridge:bridge-macos (for macOS) or dev.hostbridge:bridge-linux (for Linux) "
      + "to the class path (as Maven dependencies of the same version as bridge-core), or a plugin jar with a "
      + "META-INF/services/dev.hostbridge.api.HostPlatformProvider";

  private final List<HostPlatformProvider> providers;
  private final String osName;

  public PlatformSelector(List<HostPlatformProvider> providers, String osName) {
    this.providers = List.copyOf(providers);
    this.osName = osName;
  }

  /** The providers that {@link ServiceLoader} finds with this class's loader. */
  public static PlatformSelector fromClassPath() {
    return fromLoader(PlatformSelector.class.getClassLoader());
  }

  /** The providers that {@link ServiceLoader} finds with {@code loader} (a plugin path's, say). */
  public static PlatformSelector fromLoader(ClassLoader loader) {
    List<HostPlatformProvider> found = ServiceLoader.load(HostPlatformProvider.class, loader)
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

  /** The provider for this configuration: by name when one was given, else by priority. */
  public HostPlatformProvider provider(BridgeConfig config) {
    if (providers.isEmpty()) {
      throw new BridgeException(ErrorCode.PLATFORM_NONE, "no host platform is on the class path, so host-bridge cannot act on this machine", "To embed host-bridge, " + ARTIFACTS + ".");
    }
    if (config.source(ConfigKey.PLATFORM) == ConfigSource.DEFAULT) {
      return supported().stream().findFirst().orElseThrow(() -> new BridgeException(ErrorCode.PLATFORM_UNAVAILABLE, "none of the platforms found (" + names(providers) + ") runs on " + osName,
          "Run host-bridge on the machine it is meant for, or " + ARTIFACTS + "."));
    }
    String wanted = config.platform();
    Optional<HostPlatformProvider> named = providers.stream().filter(p -> p.name().equals(wanted)).findFirst();
    if (named.isEmpty()) {
      throw new BridgeException(ErrorCode.PLATFORM_UNAVAILABLE, "there is no '" + wanted + "' platform; found: " + names(providers),
          "Use --platform with one of those, or add the jar that provides '" + wanted + "' (plugins go on HOST_BRIDGE_PLUGIN_PATH).");
    }
    if (!named.get().supports(osName)) {
      throw new BridgeException(ErrorCode.PLATFORM_UNAVAILABLE, "the '" + wanted + "' platform does not run on " + osName
              + (supported().isEmpty() ? "" : "; platforms that do: " + names(supported())),
          "Leave out --platform to use this machine's, or run host-bridge on the machine the platform is meant for.");
    }
    return named.get();
  }

  public HostPlatform select(BridgeConfig config) {
    return provider(config).create(config);
  }

  private static String names(List<HostPlatformProvider> list) {
    return list.stream().map(HostPlatformProvider::name).collect(Collectors.joining(", "));
  }
}
