package dev.hostbridge.wireguard;

/** Test helper: the IPv4 ICMP echo reply to an echo request, or null for any other packet. */
public final class Icmp {

  private Icmp() {}

  public static byte[] echoReply(byte[] packet) {
    if (packet.length < 28 || (packet[0] >> 4) != 4 || packet[9] != 1) {
      return null;
    }
    int headerLength = (packet[0] & 0x0f) * 4;
    int totalLength = ((packet[2] & 0xff) << 8) | (packet[3] & 0xff);
    if (totalLength > packet.length || packet[headerLength] != 8) {
      return null;
    }
    byte[] reply = java.util.Arrays.copyOf(packet, totalLength); // the transport padding goes
    for (int i = 0; i < 4; i++) {
      reply[12 + i] = packet[16 + i];
      reply[16 + i] = packet[12 + i];
    }
    reply[8] = 64;
    reply[headerLength] = 0; // echo reply
    checksum(reply, headerLength, totalLength - headerLength, headerLength + 2);
    checksum(reply, 0, headerLength, 10);
    return reply;
  }

  /** An IPv4 ICMP echo request with 8 bytes of payload, checksums filled in. */
  public static byte[] echoRequest(byte[] source, byte[] destination, int sequence) {
    byte[] p = new byte[36];
    p[0] = 0x45;
    p[3] = 36;
    p[8] = 64;
    p[9] = 1;
    System.arraycopy(source, 0, p, 12, 4);
    System.arraycopy(destination, 0, p, 16, 4);
    p[20] = 8;
    p[24] = 0x48;
    p[25] = 0x42;
    p[27] = (byte) sequence;
    checksum(p, 20, 16, 22);
    checksum(p, 0, 20, 10);
    return p;
  }

  private static void checksum(byte[] data, int offset, int length, int at) {
    data[at] = 0;
    data[at + 1] = 0;
    long sum = 0;
    for (int i = 0; i < length; i += 2) {
      int high = data[offset + i] & 0xff;
      int low = i + 1 < length ? data[offset + i + 1] & 0xff : 0;
      sum += (high << 8) | low;
    }
    while ((sum >> 16) != 0) {
      sum = (sum & 0xffff) + (sum >> 16);
    }
    int value = (int) (~sum & 0xffff);
    data[at] = (byte) (value >> 8);
    data[at + 1] = (byte) value;
  }
}
