package dev.hostbridge.api;

/**
 * The ids of the built-in steps. They appear in the journal and in {@code status --json}; a
 * plugin step orders itself against them, e.g. {@code dependsOn() = Set.of(StepIds.HOST_ADDRESS)}.
 */
public final class StepIds {
  public static final String TUNTAP_DRIVER = "tuntap-driver";
  public static final String TAP_OWNERSHIP = "tap-ownership";
  public static final String LAUNCHER_SHIM = "launcher-shim";
  public static final String DOCKER_RESTART = "docker-restart";
  public static final String VM_LINK = "vm-link";
  public static final String DOCKER_NETWORK = "docker-network";
  public static final String HOST_ADDRESS = "host-address";
  /** With {@code --route-all}: the image of the VM-side helper that sets up forwarding. */
  public static final String ROUTE_IMAGE = "route-image";
  /** With {@code --route-all}: the VM's tap NIC has an address on the tap link and forwards from it. */
  public static final String VM_FORWARD = "vm-forward";
  /** With {@code --route-all}: a host route for each Docker network through the VM's tap address. */
  public static final String HOST_ROUTES = "host-routes";

  private StepIds() {}
}
