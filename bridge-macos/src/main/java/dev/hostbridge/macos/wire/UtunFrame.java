package dev.hostbridge.macos.wire;

import java.nio.ByteBuffer;

/**
 * The 4-byte header before every packet read from or written to a utun's control socket: the
 * protocol family as a big-endian 32-bit number (bsd/net/if_utun.c prepends it on output and
 * reads it on input to hand the packet to IPv4 or IPv6).
 */
public final class UtunFrame {

  public static final int HEADER = 4;
  public static final int AF_INET = DarwinNet.AF_INET;
  public static final int AF_INET6 = 30;

  private UtunFrame() {}

  /** The family for the IP packet at {@code offset}, from its version nibble; -1 when it is neither IPv4 nor IPv6. */
  public static int familyOf(ByteBuffer packet, int offset) {
    if (offset >= packet.limit()) {
      return -1;
    }
    return switch ((packet.get(offset) & 0xff) >>> 4) {
      case 4 -> AF_INET;
      case 6 -> AF_INET6;
      default -> -1;
    };
  }

  /** The family in the header at {@code offset}, read big-endian whatever the buffer's order. */
  public static int familyIn(ByteBuffer frame, int offset) {
    return ((frame.get(offset) & 0xff) << 24) | ((frame.get(offset + 1) & 0xff) << 16)
        | ((frame.get(offset + 2) & 0xff) << 8) | (frame.get(offset + 3) & 0xff);
  }

  /** Writes the header for {@code family} at {@code offset}, big-endian whatever the buffer's order. */
  public static void putHeader(ByteBuffer frame, int offset, int family) {
    frame.put(offset, (byte) (family >>> 24)).put(offset + 1, (byte) (family >>> 16))
        .put(offset + 2, (byte) (family >>> 8)).put(offset + 3, (byte) family);
  }
}
