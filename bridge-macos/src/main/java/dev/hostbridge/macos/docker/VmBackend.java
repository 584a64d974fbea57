package dev.hostbridge.macos.docker;

/** The virtual machine managers Docker Desktop for Mac has used. */
public enum VmBackend {
  HYPERKIT("HyperKit"),
  VIRTUALIZATION_FRAMEWORK("the Apple Virtualization framework"),
  DOCKER_VMM("Docker VMM (libkrun)"),
  QEMU("QEMU");

  private final String displayName;

  VmBackend(String displayName) {
    this.displayName = displayName;
  }

  public String displayName() {
    return displayName;
  }
}
