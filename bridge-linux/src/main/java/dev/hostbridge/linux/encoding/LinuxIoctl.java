package dev.hostbridge.linux.encoding;

/**
 * Linux ioctl request numbers, computed the way {@code asm-generic/ioctl.h} does:
 * {@code dir << 30 | size << 16 | type << 8 | nr} with dir 1 for write, 2 for read.
 */
public final class LinuxIoctl {

  static final int WRITE = 1;
  static final int READ = 2;
  static final int SIZEOF_INT = 4;

  /** {@code _IOW('T', 202, int)}: attach to (or create) a tun/tap interface. */
  public static final long TUNSETIFF = iow('T', 202, SIZEOF_INT);
  /** {@code _IOW('T', 203, int)}: keep the interface after the file is closed. */
  public static final long TUNSETPERSIST = iow('T', 203, SIZEOF_INT);
  /** {@code _IOW('T', 204, int)}: the user who may attach without CAP_NET_ADMIN. */
  public static final long TUNSETOWNER = iow('T', 204, SIZEOF_INT);

  /** From {@code linux/sockios.h}; these predate the encoded numbers. */
  public static final long SIOCGIFFLAGS = 0x8913;
  public static final long SIOCSIFFLAGS = 0x8914;
  /** Set an interface's MTU: {@code struct ifreq} with {@code ifr_mtu}, an int after the name. */
  public static final long SIOCSIFMTU = 0x8922;

  public static final short IFF_UP = 0x1;
  public static final short IFF_TUN = 0x0001;
  public static final short IFF_TAP = 0x0002;
  public static final short IFF_NO_PI = 0x1000;

  private LinuxIoctl() {}

  public static long ioc(int dir, char type, int nr, int size) {
    return ((long) dir << 30) | ((long) size << 16) | ((long) type << 8) | nr;
  }

  public static long iow(char type, int nr, int size) {
    return ioc(WRITE, type, nr, size);
  }
}
