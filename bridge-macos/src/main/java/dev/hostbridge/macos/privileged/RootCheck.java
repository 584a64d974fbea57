package dev.hostbridge.macos.privileged;

import com.sun.jna.platform.unix.LibC;

/** Whether this process runs as root; a seam so that tests can answer either way. */
@FunctionalInterface
public interface RootCheck {

  boolean isRoot();

  /** The effective uid from the kernel: {@code user.name} can be set with -D, geteuid() cannot. */
  static RootCheck system() {
    return () -> LibC.INSTANCE.geteuid() == 0;
  }
}
