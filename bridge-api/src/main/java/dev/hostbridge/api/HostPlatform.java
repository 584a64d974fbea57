package dev.hostbridge.api;

/**
 * The operating-system operations the steps need, and nothing else, grouped by subject. An
 * implementation is made by a {@link HostPlatformProvider}; a test fake implements each group
 * in a few lines.
 */
public interface HostPlatform {

  /**
   * The provider's name, e.g. {@code macos}.
   *
   * @return the name
   */
  String name();

  /**
   * The tap driver and its devices.
   *
   * @return the tap devices
   */
  TapDevices tapDevices();

  /**
   * The host's network interfaces and their IPv4 addresses.
   *
   * @return the interfaces
   */
  NetworkInterfaces interfaces();

  /**
   * The host's IPv4 routing table.
   *
   * @return the routes
   */
  Routes routes();

  /**
   * The VM that runs the Docker engine.
   *
   * @return the VM
   */
  DockerVm dockerVm();

  /**
   * The service manager that runs {@code host-bridge watch} at boot.
   *
   * @return the service manager
   * @throws BridgeException ({@link ErrorCode#SERVICE_UNAVAILABLE}) from a platform without one,
   *     which this default is
   */
  default ServiceManager services() {
    throw new BridgeException(ErrorCode.SERVICE_UNAVAILABLE, "the " + name() + " platform has no service manager",
        "Run host-bridge watch from your own init system.");
  }

  /**
   * Tunnel devices for the WireGuard tunnel.
   *
   * @return the tunnel devices
   * @throws BridgeException ({@link ErrorCode#TUNNEL_UNSUPPORTED}) from a platform that cannot
   *     make them, which this default is
   */
  default TunnelDevices tunnelDevices() {
    throw new BridgeException(ErrorCode.TUNNEL_UNSUPPORTED, "the " + name() + " platform cannot make tunnel devices",
        "Use the tap strategy on this machine.");
  }

  /**
   * What this platform finds on the machine for {@code host-bridge doctor} (its driver, the VM
   * and its backend, ...), each fact saying what was looked at. Reads only; never needs root.
   *
   * @return the facts; empty by default
   */
  default java.util.List<Diagnostic> diagnostics() {
    return java.util.List.of();
  }
}
