package dev.hostbridge.macos.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * {@code struct sockaddr_dl} of bsd/net/if_dl.h, a link-level address: length, AF_LINK, interface
 * index (host order), type, name length, address length, selector length, then name and address
 * bytes in {@code sdl_data} (at least 12 bytes, so the struct is at least 20).
 *
 * <p>The kernel finds an interface from such a sockaddr by its index alone (ifa_ifwithnet), so a
 * route "out of tap1" is a route whose gateway is {@code {index of tap1}}. The name is added so the
 * message reads well in a trace; the kernel ignores it there.
 */
public final class SockaddrDl {

  public static final int MIN_SIZE = 20;
  static final int OFFSET_INDEX = 2;
  static final int OFFSET_TYPE = 4;
  static final int OFFSET_NLEN = 5;
  static final int OFFSET_ALEN = 6;
  static final int OFFSET_SLEN = 7;
  static final int OFFSET_DATA = 8;
  private static final int MAC_LENGTH = 6;

  /** What a link address names: an interface index and, when the kernel gave it, the name. */
  public record LinkAddress(int index, String name) {}

  private SockaddrDl() {}

  /** A link address that names an interface; {@code index} 0 with an empty name asks the kernel to fill one in. */
  public static byte[] encode(int index, String name) {
    if (index < 0 || index > 0xffff) {
      throw new IllegalArgumentException("interface index out of range: " + index);
    }
    byte[] nameBytes = name.isEmpty() ? new byte[0] : IfReq.checkName(name).getBytes(StandardCharsets.US_ASCII);
    int length = Math.max(MIN_SIZE, OFFSET_DATA + nameBytes.length);
    ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    buffer.put(0, (byte) length);
    buffer.put(1, (byte) DarwinNet.AF_LINK);
    buffer.putShort(OFFSET_INDEX, (short) index);
    buffer.put(OFFSET_NLEN, (byte) nameBytes.length);
    buffer.put(OFFSET_DATA, nameBytes);
    return buffer.array();
  }

  /** An empty link address: in an RTM_GET request it asks for the interface in the reply (RTA_IFP). */
  public static byte[] empty() {
    return encode(0, "");
  }

  /** Reads a sockaddr_dl of {@code saLen} bytes at {@code offset} of a little-endian buffer. */
  static LinkAddress decode(ByteBuffer buffer, int offset, int saLen) {
    if (saLen < OFFSET_DATA) {
      return new LinkAddress(0, "");
    }
    int index = buffer.getShort(offset + OFFSET_INDEX) & 0xffff;
    int nameLength = buffer.get(offset + OFFSET_NLEN) & 0xff;
    if (OFFSET_DATA + nameLength > saLen) {
      throw new IllegalArgumentException("sockaddr_dl name of " + nameLength + " bytes overruns its length " + saLen);
    }
    byte[] name = new byte[nameLength];
    buffer.get(offset + OFFSET_DATA, name);
    return new LinkAddress(index, new String(name, StandardCharsets.US_ASCII));
  }

  /**
   * The link-level address that follows the name in {@code sdl_data}, as lower-case colon-separated
   * hex, when it is a 6-byte MAC (Ethernet and tap interfaces); empty for interfaces without one
   * (loopback, utun, gif).
   */
  static Optional<String> macAddress(ByteBuffer buffer, int offset, int saLen) {
    if (saLen < OFFSET_DATA) {
      return Optional.empty();
    }
    int nameLength = buffer.get(offset + OFFSET_NLEN) & 0xff;
    int addressLength = buffer.get(offset + OFFSET_ALEN) & 0xff;
    if (addressLength != MAC_LENGTH) {
      return Optional.empty();
    }
    if (OFFSET_DATA + nameLength + addressLength > saLen) {
      throw new IllegalArgumentException("sockaddr_dl address of " + addressLength + " bytes after a name of "
          + nameLength + " overruns its length " + saLen);
    }
    byte[] mac = new byte[MAC_LENGTH];
    buffer.get(offset + OFFSET_DATA + nameLength, mac);
    return Optional.of(HexFormat.ofDelimiter(":").formatHex(mac));
  }
}
