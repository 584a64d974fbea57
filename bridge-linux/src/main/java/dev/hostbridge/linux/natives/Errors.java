package dev.hostbridge.linux.natives;

import com.sun.jna.LastErrorException;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ErrorCode;

/** Turns an errno into a failure a person can act on. */
public final class Errors {

  public static final int EPERM = 1;
  public static final int ESRCH = 3;
  public static final int EBUSY = 16;
  public static final int EEXIST = 17;
  public static final int EACCES = 13;
  public static final int EADDRNOTAVAIL = 99;

  private Errors() {}

  public static BridgeException failed(String operation, LastErrorException e) {
    return failed(operation, e.getErrorCode());
  }

  public static BridgeException failed(String operation, int errno) {
    String remedy = errno == EPERM || errno == EACCES
        ? "This needs root (CAP_NET_ADMIN): run host-bridge with sudo."
        : errno == EBUSY ? "Another process holds the device open (a VM launcher): stop it, then try again."
        : "See the operating system's error above; check the interface with 'ip addr' and 'ip route'.";
    return new BridgeException(ErrorCode.LINUX_ERRNO.code(String.valueOf(errno)), BridgeException.Kind.PLATFORM,
        operation + " failed: errno " + errno + " (" + describe(errno) + ")", remedy);
  }

  static String describe(int errno) {
    return switch (errno) {
      case EPERM -> "operation not permitted";
      case ESRCH -> "no such route";
      case EACCES -> "permission denied";
      case EBUSY -> "device busy";
      case EEXIST -> "already exists";
      case 19 -> "no such device";
      case 22 -> "invalid argument";
      case EADDRNOTAVAIL -> "address not available";
      default -> "see errno(3)";
    };
  }
}
