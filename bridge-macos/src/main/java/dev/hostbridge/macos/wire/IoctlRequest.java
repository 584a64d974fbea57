package dev.hostbridge.macos.wire;

/**
 * An ioctl request number with the name it has in the headers, so that a failure can say which
 * request the kernel refused. Numbers are built the way bsd/sys/ioccom.h builds them: direction,
 * parameter length, group letter and number; the length is the size of the struct passed.
 *
 * <p>The kernel's request parameter is an {@code unsigned long}: {@link #number()} is always
 * positive and below 2^32, so widening it to 64 bits zero-extends it.
 */
public record IoctlRequest(String name, long number) {

  /** The parameter length field is 13 bits wide. */
  public static final long IOCPARM_MASK = 0x1fff;
  public static final long IOC_VOID = 0x20000000L;
  public static final long IOC_OUT = 0x40000000L;
  public static final long IOC_IN = 0x80000000L;
  public static final long IOC_INOUT = IOC_IN | IOC_OUT;

  public static final IoctlRequest SIOCSIFFLAGS = iow("SIOCSIFFLAGS", 'i', 16, IfReq.SIZE);
  public static final IoctlRequest SIOCGIFFLAGS = iowr("SIOCGIFFLAGS", 'i', 17, IfReq.SIZE);
  public static final IoctlRequest SIOCDIFADDR = iow("SIOCDIFADDR", 'i', 25, IfReq.SIZE);
  public static final IoctlRequest SIOCAIFADDR = iow("SIOCAIFADDR", 'i', 26, IfAliasReq.SIZE);
  public static final IoctlRequest SIOCGIFMTU = iowr("SIOCGIFMTU", 'i', 51, IfReq.SIZE);
  public static final IoctlRequest SIOCSIFMTU = iow("SIOCSIFMTU", 'i', 52, IfReq.SIZE);

  public IoctlRequest {
    if (number < 0 || number > 0xffffffffL) {
      throw new IllegalArgumentException(name + ": request number out of 32 bits: " + number);
    }
  }

  /** {@code _IOC(inout, group, num, len)}. */
  public static long ioc(long inout, char group, int num, int len) {
    if (group > 0xff || num < 0 || num > 0xff || len < 0 || len > IOCPARM_MASK) {
      throw new IllegalArgumentException("ioctl fields out of range: group=" + (int) group + " num=" + num + " len=" + len);
    }
    return inout | ((len & IOCPARM_MASK) << 16) | ((long) group << 8) | num;
  }

  /** {@code _IOW}: the kernel reads {@code len} bytes from the caller. */
  public static IoctlRequest iow(String name, char group, int num, int len) {
    return new IoctlRequest(name, ioc(IOC_IN, group, num, len));
  }

  /** {@code _IOR}: the kernel writes {@code len} bytes to the caller. */
  public static IoctlRequest ior(String name, char group, int num, int len) {
    return new IoctlRequest(name, ioc(IOC_OUT, group, num, len));
  }

  /** {@code _IOWR}: both directions. */
  public static IoctlRequest iowr(String name, char group, int num, int len) {
    return new IoctlRequest(name, ioc(IOC_INOUT, group, num, len));
  }

  /** The length field, i.e. how many bytes the kernel copies. */
  public int parameterLength() {
    return (int) ((number >>> 16) & IOCPARM_MASK);
  }

  @Override
  public String toString() {
    return name + String.format("(0x%08x)", number);
  }
}
