package dev.hostbridge.core.steps.shim;

/** What sits at the VM launcher's path. */
public enum LauncherKind {
  /** A real executable (Mach-O or ELF): Docker's own launcher. */
  ORIGINAL,
  /** A shim that host-bridge wrote. */
  OURS,
  /** The docker-for-mac-host-bridge script's shim; its original sits at {@code <name>.real}. */
  SEED_SHIM,
  /** docker-tuntap-osx's shim; its original sits at {@code <name>.original}. */
  TUNTAP_OSX_SHIM,
  /** A script nobody here recognises: host-bridge will not touch it. */
  UNKNOWN_SCRIPT,
  /** Neither an executable nor a script (or unreadable). */
  UNKNOWN,
  /** Nothing there. */
  MISSING
}
