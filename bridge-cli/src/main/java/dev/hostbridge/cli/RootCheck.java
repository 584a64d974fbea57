package dev.hostbridge.cli;

import com.sun.jna.platform.unix.LibC;

/** Whether this process runs as root; a seam so that tests can answer either way. */
@FunctionalInterface
interface RootCheck {

  boolean isRoot();

  /** The effective uid from the kernel: {@code user.name} can be set with -D, geteuid() cannot. */
  static RootCheck system() {
    return () -> LibC.INSTANCE.geteuid() == 0;
  }
}
