package dev.hostbridge.linux.natives;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.BridgeException;

/** User names and ids from the system's user database (getpwnam / getpwuid). */
public final class Users {

  private Users() {}

  public static int uidOf(String user) {
    LinuxC.Passwd entry = LinuxC.INSTANCE.getpwnam(user);
    if (entry == null) {
      throw new BridgeException(ErrorCode.PLATFORM_UNKNOWN_USER, "there is no user '" + user + "' on this machine",
          "Run host-bridge as the user who runs Docker's VM (through sudo, SUDO_USER names that user).");
    }
    return entry.pw_uid;
  }

  public static String nameOf(int uid) {
    LinuxC.Passwd entry = LinuxC.INSTANCE.getpwuid(uid);
    return entry == null ? Integer.toString(uid) : entry.pw_name;
  }
}
