package dev.hostbridge.api;

/**
 * The ids of the built-in steps. They appear in the journal and in {@code status --json}; a
 * plugin step orders itself against them, e.g. {@code dependsOn() = Set.of(StepIds.HOST_ADDRESS)}.
 */
public final class StepIds {
  /** The tap driver is loaded. */
  public static final String TUNTAP_DRIVER = "tuntap-driver";
  /** The invoking user owns the tap device, so that the VM launcher, run as that user, can open it. */
  public static final String TAP_OWNERSHIP = "tap-ownership";
  /** The VM launcher is host-bridge's shim. */
  public static final String LAUNCHER_SHIM = "launcher-shim";
  /** The VM runs with a NIC whose MAC is the shim's. */
  public static final String DOCKER_RESTART = "docker-restart";
  /** The VM's tap NIC is up. */
  public static final String VM_LINK = "vm-link";
  /** A macvlan Docker network whose parent is the VM's tap NIC. */
  public static final String DOCKER_NETWORK = "docker-network";
  /** The host's tap interface has the network's gateway address with its prefix, and is up. */
  public static final String HOST_ADDRESS = "host-address";
  /** With {@code --route-all}: the image of the VM-side helper that sets up forwarding. */
  public static final String ROUTE_IMAGE = "route-image";
  /** With {@code --route-all}: the VM's tap NIC has an address on the tap link and forwards from it. */
  public static final String VM_FORWARD = "vm-forward";
  /** With {@code --route-all}: a host route for each Docker network through the VM's tap address. */
  public static final String HOST_ROUTES = "host-routes";

  private StepIds() {}
}
