package dev.hostbridge.macos;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.api.HostPlatformProvider;
import dev.hostbridge.macos.privileged.Privileges;
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

  /**
   * The platform as this process may use it: as a user, its changes that need root go to a helper
   * started through sudo on the first one (see {@link Privileges}); the helper ends when the
   * platform is closed, which {@code HostBridge.close()} does.
   */
  @Override
  public HostPlatform create(BridgeConfig config) {
    return Privileges.forThisProcess(new MacosPlatform(config), config.environment());
  }
}
