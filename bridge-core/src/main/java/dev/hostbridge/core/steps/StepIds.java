package dev.hostbridge.core.steps;

/** The built-in steps' ids; they appear in the journal, in status --json and in plugins' dependsOn. */
public final class StepIds {
  public static final String TUNTAP_DRIVER = "tuntap-driver";
  public static final String TAP_OWNERSHIP = "tap-ownership";
  public static final String LAUNCHER_SHIM = "launcher-shim";
  public static final String DOCKER_RESTART = "docker-restart";
  public static final String VM_LINK = "vm-link";
  public static final String DOCKER_NETWORK = "docker-network";
  public static final String HOST_ADDRESS = "host-address";

  private StepIds() {}
}
