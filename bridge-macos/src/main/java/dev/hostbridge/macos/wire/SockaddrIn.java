package dev.hostbridge.macos.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@code struct sockaddr_in} of BSD: 16 bytes, starting with a length byte that Linux does not
 * have. The address and port are in network order; nothing else in it is wider than a byte.
 */
public final class SockaddrIn {

  public static final int SIZE = 16;
  static final int OFFSET_LEN = 0;
  static final int OFFSET_FAMILY = 1;
  static final int OFFSET_PORT = 2;
  static final int OFFSET_ADDR = 4;

  private SockaddrIn() {}

  /** An AF_INET sockaddr for {@code address} (its 32 bits, most significant octet first), port 0. */
  public static byte[] encode(int address) {
    return encode(address, 0);
  }

  public static byte[] encode(int address, int port) {
    ByteBuffer buffer = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
    put(buffer, 0, address, port);
    return buffer.array();
  }

  /** Writes the 16 bytes at {@code offset} of a buffer that holds a larger struct. */
  static void put(ByteBuffer buffer, int offset, int address, int port) {
    if (port < 0 || port > 0xffff) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    buffer.put(offset + OFFSET_LEN, (byte) SIZE);
    buffer.put(offset + OFFSET_FAMILY, (byte) DarwinNet.AF_INET);
    // Network order, whatever the buffer's order is for the rest of the struct.
    buffer.put(offset + OFFSET_PORT, (byte) (port >>> 8));
    buffer.put(offset + OFFSET_PORT + 1, (byte) port);
    putAddress(buffer, offset + OFFSET_ADDR, address);
  }

  static void putAddress(ByteBuffer buffer, int at, int address) {
    buffer.put(at, (byte) (address >>> 24));
    buffer.put(at + 1, (byte) (address >>> 16));
    buffer.put(at + 2, (byte) (address >>> 8));
    buffer.put(at + 3, (byte) address);
  }

  /**
   * The address of a sockaddr that the kernel may have trimmed: a netmask in a routing message
   * carries only its bytes up to the last non-zero one ({@code sa_len} 0 to 8); missing bytes are 0.
   */
  static int address(ByteBuffer buffer, int offset, int saLen) {
    int value = 0;
    for (int i = 0; i < 4; i++) {
      int at = OFFSET_ADDR + i;
      int octet = at < saLen ? buffer.get(offset + at) & 0xff : 0;
      value = (value << 8) | octet;
    }
    return value;
  }
}
