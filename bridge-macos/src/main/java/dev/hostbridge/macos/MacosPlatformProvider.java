package dev.hostbridge.macos;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.api.HostPlatformProvider;
import java.util.Locale;

/** Makes the macOS platform; listed in META-INF/services for {@link java.util.ServiceLoader}. */
public final class MacosPlatformProvider implements HostPlatformProvider {

  @Override
  public String name() {
    return BridgeConfig.PLATFORM_MACOS;
  }

  /** {@code os.name} is "Mac OS X" on every macOS release, also the ones named "macOS". */
  @Override
  public boolean supports(String osName) {
    return osName != null && osName.toLowerCase(Locale.ROOT).startsWith("mac");
  }

  @Override
  public HostPlatform create(BridgeConfig config) {
    return new MacosPlatform(config);
  }
}
