package dev.hostbridge.macos.jna;

import java.util.Map;

/**
 * The errno values of macOS (bsd/sys/errno.h) that host-bridge's system calls can meet, with
 * their names and what a person can do about each. Numbers above 34 differ from Linux.
 */
public final class Errno {

  public static final int EPERM = 1;
  public static final int ENOENT = 2;
  public static final int ESRCH = 3;
  public static final int EINTR = 4;
  public static final int ENXIO = 6;
  public static final int EBADF = 9;
  public static final int EACCES = 13;
  public static final int EFAULT = 14;
  public static final int EBUSY = 16;
  public static final int ENOMEM = 12;
  public static final int EEXIST = 17;
  public static final int ENODEV = 19;
  public static final int EINVAL = 22;
  public static final int EAGAIN = 35;
  public static final int EDESTADDRREQ = 39;
  public static final int EAFNOSUPPORT = 47;
  public static final int EADDRINUSE = 48;
  public static final int EADDRNOTAVAIL = 49;
  public static final int ENETDOWN = 50;
  public static final int ENETUNREACH = 51;
  public static final int ENOBUFS = 55;
  public static final int ETIMEDOUT = 60;
  public static final int EHOSTUNREACH = 65;

  private record Entry(String name, String description) {}

  private static final Map<Integer, Entry> KNOWN = Map.ofEntries(
      Map.entry(EPERM, new Entry("EPERM", "operation not permitted")),
      Map.entry(ENOENT, new Entry("ENOENT", "no such file or directory")),
      Map.entry(ESRCH, new Entry("ESRCH", "no such process or route")),
      Map.entry(ENXIO, new Entry("ENXIO", "device not configured")),
      Map.entry(ENOMEM, new Entry("ENOMEM", "cannot allocate memory")),
      Map.entry(EBADF, new Entry("EBADF", "bad file descriptor")),
      Map.entry(EACCES, new Entry("EACCES", "permission denied")),
      Map.entry(EFAULT, new Entry("EFAULT", "bad address")),
      Map.entry(EBUSY, new Entry("EBUSY", "resource busy")),
      Map.entry(EEXIST, new Entry("EEXIST", "already exists")),
      Map.entry(ENODEV, new Entry("ENODEV", "operation not supported by device")),
      Map.entry(EINVAL, new Entry("EINVAL", "invalid argument")),
      Map.entry(EAGAIN, new Entry("EAGAIN", "resource temporarily unavailable (or timed out)")),
      Map.entry(EDESTADDRREQ, new Entry("EDESTADDRREQ", "destination address required")),
      Map.entry(EAFNOSUPPORT, new Entry("EAFNOSUPPORT", "address family not supported")),
      Map.entry(EADDRINUSE, new Entry("EADDRINUSE", "address already in use")),
      Map.entry(EADDRNOTAVAIL, new Entry("EADDRNOTAVAIL", "can't assign requested address")),
      Map.entry(ENETDOWN, new Entry("ENETDOWN", "network is down")),
      Map.entry(ENETUNREACH, new Entry("ENETUNREACH", "network is unreachable")),
      Map.entry(ENOBUFS, new Entry("ENOBUFS", "no buffer space available")),
      Map.entry(ETIMEDOUT, new Entry("ETIMEDOUT", "operation timed out")),
      Map.entry(EHOSTUNREACH, new Entry("EHOSTUNREACH", "no route to host")));

  private Errno() {}

  /** The symbolic name, e.g. {@code EPERM}; {@code E<number>} for one not listed here. */
  public static String name(int errno) {
    Entry entry = KNOWN.get(errno);
    return entry == null ? "E" + errno : entry.name();
  }

  public static String describe(int errno) {
    Entry entry = KNOWN.get(errno);
    return name(errno) + " (errno " + errno + (entry == null ? "" : ": " + entry.description()) + ")";
  }

  /** What a person can do about this errno; empty when there is nothing useful to say. */
  public static String remedy(int errno) {
    switch (errno) {
      case EPERM:
      case EACCES:
        return "This change needs root. host-bridge makes it through its elevated helper, which sudo starts "
            + "(it asks for your password); run the command again and allow it, or run it with sudo.";
      case ENXIO:
      case ENODEV:
        return "The interface does not exist. A tap interface exists only while a process holds /dev/tapN "
            + "open: start Docker Desktop with host-bridge's launcher shim installed (host-bridge install).";
      case EEXIST:
        return "Something else already set this up; see 'netstat -rn -f inet' and 'ifconfig', remove the "
            + "conflicting entry or choose another subnet (--subnet).";
      case EBUSY:
        return "Another process holds the device open; quit it (often an older hyperkit or VPN client) and try again.";
      case EINVAL:
      case EFAULT:
        return "The kernel rejected the request as malformed; this is a defect, please report it with the "
            + "output of --verbose and your macOS version.";
      case EAGAIN:
      case ETIMEDOUT:
        return "The kernel did not answer in time; try again.";
      default:
        return "";
    }
  }
}
