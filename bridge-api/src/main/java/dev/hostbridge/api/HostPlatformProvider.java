package dev.hostbridge.api;

/**
 * Makes a {@link HostPlatform}. Found with {@link java.util.ServiceLoader}: a provider jar lists
 * its class in {@code META-INF/services/dev.hostbridge.api.HostPlatformProvider}.
 */
public interface HostPlatformProvider {

  /**
   * The name that {@code --platform} selects, e.g. {@code macos}.
   *
   * @return 1 to 32 lower-case letters, digits and '-'
   */
  String name();

  /**
   * Among providers that support the OS, the highest priority wins when none is named.
   *
   * @return the priority; 0 by default
   */
  default int priority() {
    return 0;
  }

  /**
   * Whether this provider can run on the named operating system (the {@code os.name} property).
   *
   * @param osName e.g. {@code Mac OS X} or {@code Linux}
   * @return true when it can
   */
  boolean supports(String osName);

  /**
   * Makes the platform for a run with these settings.
   *
   * @param config the run's settings
   * @return the platform
   */
  HostPlatform create(BridgeConfig config);
}
