package dev.hostbridge.linux;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.api.HostPlatformProvider;
import java.util.Locale;

/** Found by ServiceLoader; supports Linux only. */
public final class LinuxPlatformProvider implements HostPlatformProvider {

  public static final String NAME = "linux";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean supports(String osName) {
    return osName.toLowerCase(Locale.ROOT).startsWith("linux");
  }

  @Override
  public HostPlatform create(BridgeConfig config) {
    return new LinuxPlatform(config);
  }
}
