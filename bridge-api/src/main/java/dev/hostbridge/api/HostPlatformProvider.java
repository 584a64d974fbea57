package dev.hostbridge.api;

/**
 * Makes a {@link HostPlatform}. Found with {@link java.util.ServiceLoader}: a provider jar lists
 * its class in {@code META-INF/services/dev.hostbridge.api.HostPlatformProvider}.
 */
public interface HostPlatformProvider {

  /** The name that {@code --platform} selects, e.g. {@code macos}. */
  String name();

  /** Among providers that support the OS, the highest priority wins when none is named. */
  default int priority() {
    return 0;
  }

  /** Whether this provider can run on the named operating system (the {@code os.name} property). */
  boolean supports(String osName);

  HostPlatform create(BridgeConfig config);
}
