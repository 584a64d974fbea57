package dev.hostbridge.macos.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * {@code struct ifreq} of bsd/net/if.h: the interface name in 16 bytes, then a union whose
 * largest member is a {@code struct sockaddr} (16 bytes). The kernel always copies the whole
 * 32 bytes, so every encoding here is that long, whichever member is used.
 */
public final class IfReq {

  public static final int IFNAMSIZ = 16;
  public static final int SIZE = IFNAMSIZ + SockaddrIn.SIZE;
  static final int OFFSET_UNION = IFNAMSIZ;

  public static final int IFF_UP = 0x1;
  public static final int IFF_BROADCAST = 0x2;
  public static final int IFF_LOOPBACK = 0x8;
  public static final int IFF_POINTOPOINT = 0x10;
  public static final int IFF_RUNNING = 0x40;
  public static final int IFF_MULTICAST = 0x8000;

  private IfReq() {}

  /** For SIOCSIFFLAGS (and SIOCGIFFLAGS, which fills the flags in): {@code short ifr_flags} at 16. */
  public static byte[] withFlags(String name, int flags) {
    if ((flags & ~0xffff) != 0) {
      throw new IllegalArgumentException("interface flags do not fit a short: 0x" + Integer.toHexString(flags));
    }
    ByteBuffer buffer = newBuffer(name);
    buffer.putShort(OFFSET_UNION, (short) flags);
    return buffer.array();
  }

  /** For SIOCDIFADDR: {@code ifr_addr} holds the address to delete. */
  public static byte[] withAddress(String name, int address) {
    ByteBuffer buffer = newBuffer(name);
    SockaddrIn.put(buffer, OFFSET_UNION, address, 0);
    return buffer.array();
  }

  /** For SIOCSIFMTU (and SIOCGIFMTU, which fills it in): {@code int ifr_mtu} at 16. */
  public static byte[] withMtu(String name, int mtu) {
    ByteBuffer buffer = newBuffer(name);
    buffer.putInt(OFFSET_UNION, mtu);
    return buffer.array();
  }

  /** The MTU the kernel wrote by SIOCGIFMTU. */
  public static int mtu(byte[] ifreq) {
    requireSize(ifreq);
    return ByteBuffer.wrap(ifreq).order(ByteOrder.LITTLE_ENDIAN).getInt(OFFSET_UNION);
  }

  /** The flags the kernel wrote by SIOCGIFFLAGS, as an unsigned 16-bit value (IFF_MULTICAST is the sign bit). */
  public static int flags(byte[] ifreq) {
    requireSize(ifreq);
    return ByteBuffer.wrap(ifreq).order(ByteOrder.LITTLE_ENDIAN).getShort(OFFSET_UNION) & 0xffff;
  }

  static ByteBuffer newBuffer(String name) {
    return newBuffer(name, SIZE);
  }

  /** A zeroed little-endian buffer of {@code size} bytes with the interface name at offset 0. */
  static ByteBuffer newBuffer(String name, int size) {
    ByteBuffer buffer = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    byte[] bytes = checkName(name).getBytes(StandardCharsets.US_ASCII);
    buffer.put(0, bytes);
    return buffer;
  }

  /** An interface name the kernel can take: ASCII letters and digits, at most 15 so the NUL fits. */
  public static String checkName(String name) {
    if (name == null || name.isEmpty() || name.length() >= IFNAMSIZ || !name.matches("[A-Za-z0-9]+")) {
      throw new IllegalArgumentException("'" + name + "' is not an interface name (1 to 15 letters and digits, e.g. tap1)");
    }
    return name;
  }

  private static void requireSize(byte[] ifreq) {
    if (ifreq.length != SIZE) {
      throw new IllegalArgumentException("an ifreq is " + SIZE + " bytes, got " + ifreq.length);
    }
  }
}
