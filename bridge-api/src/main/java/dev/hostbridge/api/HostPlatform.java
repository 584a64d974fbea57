package dev.hostbridge.api;

/**
 * The operating-system operations the steps need, and nothing else, grouped by subject. An
 * implementation is made by a {@link HostPlatformProvider}; a test fake implements each group
 * in a few lines.
 */
public interface HostPlatform {

  /** The provider's name, e.g. {@code macos}. */
  String name();

  TapDevices tapDevices();

  NetworkInterfaces interfaces();

  Routes routes();

  DockerVm dockerVm();
}
