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

  /** The service manager that runs {@code host-bridge watch} at boot. */
  default ServiceManager services() {
    throw new BridgeException(ErrorCode.SERVICE_UNAVAILABLE, "the " + name() + " platform has no service manager",
        "Run host-bridge watch from your own init system.");
  }

  /** Tunnel devices for the WireGuard tunnel. */
  default TunnelDevices tunnelDevices() {
    throw new BridgeException(ErrorCode.TUNNEL_UNSUPPORTED, "the " + name() + " platform cannot make tunnel devices",
        "Use the tap strategy on this machine.");
  }

  /**
   * What this platform finds on the machine for {@code host-bridge doctor} (its driver, the VM
   * and its backend, ...), each fact saying what was looked at. Reads only; never needs root.
   */
  default java.util.List<Diagnostic> diagnostics() {
    return java.util.List.of();
  }
}
