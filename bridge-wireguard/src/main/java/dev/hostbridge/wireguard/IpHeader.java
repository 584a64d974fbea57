package dev.hostbridge.wireguard;

import java.util.Arrays;
import java.util.Optional;

/** The addresses in an IPv4 (RFC 791) or IPv6 (RFC 8200) header; empty for anything else or a short packet. */
final class IpHeader {

  private IpHeader() {}

  static Optional<byte[]> source(byte[] packet, int length) {
    return field(packet, length, 12, 8);
  }

  static Optional<byte[]> destination(byte[] packet, int length) {
    return field(packet, length, 16, 24);
  }

  /** The IPv4 total length or the IPv6 payload length plus its header: the packet without padding; -1 if none. */
  static int totalLength(byte[] packet, int length) {
    if (length >= 20 && (packet[0] & 0xf0) == 0x40) {
      return ((packet[2] & 0xff) << 8) | (packet[3] & 0xff);
    }
    if (length >= 40 && (packet[0] & 0xf0) == 0x60) {
      return 40 + (((packet[4] & 0xff) << 8) | (packet[5] & 0xff));
    }
    return -1;
  }

  private static Optional<byte[]> field(byte[] packet, int length, int v4Offset, int v6Offset) {
    if (length >= 20 && (packet[0] & 0xf0) == 0x40) {
      return Optional.of(Arrays.copyOfRange(packet, v4Offset, v4Offset + 4));
    }
    if (length >= 40 && (packet[0] & 0xf0) == 0x60) {
      return Optional.of(Arrays.copyOfRange(packet, v6Offset, v6Offset + 16));
    }
    return Optional.empty();
  }
}
