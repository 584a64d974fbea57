package dev.hostbridge.linux.encoding;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Linux {@code struct ifreq}: 40 bytes on 64-bit, {@code ifr_name[16]} then a 24-byte union
 * whose first member used here is {@code short ifr_flags}.
 */
public final class LinuxIfreq {

  public static final int SIZE = 40;
  public static final int IFNAMSIZ = 16;

  private LinuxIfreq() {}

  public static byte[] withFlags(String name, short flags) {
    ByteBuffer buffer = ByteBuffer.allocate(SIZE).order(ByteOrder.nativeOrder());
    buffer.put(name(name));
    buffer.putShort(IFNAMSIZ, flags);
    return buffer.array();
  }

  /** An ifreq with an int in the union (ifr_mtu, ifr_ifindex, ...). */
  public static byte[] withInt(String name, int value) {
    ByteBuffer buffer = ByteBuffer.allocate(SIZE).order(ByteOrder.nativeOrder());
    buffer.put(name(name));
    buffer.putInt(IFNAMSIZ, value);
    return buffer.array();
  }

  /** The name in an ifreq the kernel filled in (up to the first NUL). */
  public static String nameOf(byte[] ifreq) {
    int end = 0;
    while (end < IFNAMSIZ && ifreq[end] != 0) {
      end++;
    }
    return new String(ifreq, 0, end, StandardCharsets.US_ASCII);
  }

  public static short flags(byte[] ifreq) {
    return ByteBuffer.wrap(ifreq).order(ByteOrder.nativeOrder()).getShort(IFNAMSIZ);
  }

  /** The name, NUL-padded to 16 bytes; at most 15 characters of ASCII. */
  static byte[] name(String name) {
    byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
    if (bytes.length == 0 || bytes.length >= IFNAMSIZ) {
      throw new IllegalArgumentException("interface name '" + name + "' must have 1 to 15 characters");
    }
    byte[] padded = new byte[IFNAMSIZ];
    System.arraycopy(bytes, 0, padded, 0, bytes.length);
    return padded;
  }
}
