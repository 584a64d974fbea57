package dev.hostbridge.macos.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.Ipv4Cidr;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Replies written out by hand the way the kernel lays them out, trimmed netmasks included. */
class RouteReplyTest {

  static String header(int msglen, int type, int index, int flags, int addrs, int pid, int seq, int errno) {
    return RouteRequestsTest.le16(msglen) + "05" + String.format("%02x", type) + RouteRequestsTest.le16(index) + "0000"
        + RouteRequestsTest.le32(flags) + RouteRequestsTest.le32(addrs) + RouteRequestsTest.le32(pid)
        + RouteRequestsTest.le32(seq) + RouteRequestsTest.le32(errno) + Bytes.zeros(8) + Bytes.zeros(56);
  }

  static final String TAP1_IFP = "1412 0b00 06 04 06 00 74617031 0a0b0c0d0e0f 0000"; // 20 bytes, with MAC

  static RouteReply decode(String hex) {
    byte[] bytes = Bytes.hex(hex);
    byte[] buffer = new byte[2048]; // as read(2): the buffer is larger than the message
    System.arraycopy(bytes, 0, buffer, 0, bytes.length);
    return RouteReply.decode(buffer, bytes.length);
  }

  @Test
  void gatewayRouteWithTrimmedMaskAndInterface() {
    int addrs = 0x1 | 0x2 | 0x4 | 0x10 | 0x20; // DST GATEWAY NETMASK IFP IFA
    String hex = header(168, 4, 11, 0x1 | 0x2 | 0x40 | 0x800, addrs, 0x1234, 9, 0)
        + RouteRequestsTest.inet("ac120000")
        + RouteRequestsTest.inet("0a004b02")
        + "06 00 0000 ffff 0000"      // netmask 255.255.0.0 trimmed to sa_len 6, padded to 8
        + TAP1_IFP
        + RouteRequestsTest.inet("0a004b01");
    RouteReply reply = decode(hex);
    assertTrue(reply.answers(RouteMessage.RTM_GET, 9, 0x1234));
    assertFalse(reply.answers(RouteMessage.RTM_GET, 10, 0x1234));
    assertEquals(11, reply.index());
    assertTrue(reply.hasFlag(RouteMessage.RTF_GATEWAY));
    assertEquals(Optional.of(Ipv4Cidr.parse("172.18.0.0/16")), reply.destinationCidr());
    assertEquals(OptionalInt.of(Ipv4Cidr.parseAddress("10.0.75.2")), reply.gatewayAddress());
    assertEquals(Optional.of(new SockaddrDl.LinkAddress(11, "tap1")), reply.interfaceLink());
  }

  @Test
  void interfaceRouteHasALinkGateway() {
    String hex = header(92 + 16 + 20 + 8 + 20, 4, 11, 0x1 | 0x100 | 0x800, 0x1 | 0x2 | 0x4 | 0x10, 77, 3, 0)
        + RouteRequestsTest.inet("ac120000")
        + "1412 0b00 06 00 00 00" + Bytes.zeros(12)  // gateway: the link of index 11, no name
        + "06 00 0000 ffff 0000"
        + TAP1_IFP;
    RouteReply reply = decode(hex);
    assertFalse(reply.hasFlag(RouteMessage.RTF_GATEWAY));
    assertEquals(OptionalInt.empty(), reply.gatewayAddress());
    assertEquals(Optional.of(new SockaddrDl.LinkAddress(11, "")), reply.gatewayLink());
    assertEquals(Optional.of(new SockaddrDl.LinkAddress(11, "tap1")), reply.interfaceLink());
  }

  @Test
  void emptyNetmaskTakesFourBytesAndMeansPrefixZero() {
    // The default route: its mask has sa_len 0 but still occupies 4 bytes before the next sockaddr.
    String hex = header(92 + 16 + 16 + 4, 4, 4, 0x1 | 0x2, 0x1 | 0x2 | 0x4, 1, 1, 0)
        + RouteRequestsTest.inet("00000000")
        + RouteRequestsTest.inet("c0a80101")
        + "00000000";
    RouteReply reply = decode(hex);
    assertEquals(Optional.of(Ipv4Cidr.parse("0.0.0.0/0")), reply.destinationCidr());
    assertEquals(OptionalInt.of(Ipv4Cidr.parseAddress("192.168.1.1")), reply.gatewayAddress());
  }

  @Test
  void hostRouteHasNoMaskAndPrefix32() {
    String hex = header(92 + 32, 4, 0, 0x1 | 0x2 | 0x4, 0x3, 1, 1, 0)
        + RouteRequestsTest.inet("0a004b02") + RouteRequestsTest.inet("0a004b01");
    assertEquals(Optional.of(Ipv4Cidr.parse("10.0.75.2/32")), decode(hex).destinationCidr());
  }

  @Test
  void skipsSockaddrsOfOtherFamiliesByTheirLength() {
    // An AF_INET6 destination (28 bytes) then an AF_INET gateway: the gateway must still be found.
    String inet6 = "1c1e" + Bytes.zeros(26);
    String hex = header(92 + 28 + 16, 4, 0, 0x1, 0x3, 1, 1, 0) + inet6 + RouteRequestsTest.inet("0a004b01");
    RouteReply reply = decode(hex);
    assertEquals(OptionalInt.empty(), reply.destination());
    assertEquals(OptionalInt.of(Ipv4Cidr.parseAddress("10.0.75.1")), reply.gatewayAddress());
  }

  @Test
  void carriesTheKernelsErrno() {
    String hex = header(92 + 16, 4, 0, 0, 0x1, 1, 1, 3) + RouteRequestsTest.inet("ac120000");
    assertEquals(3, decode(hex).errno());
  }

  @Test
  void rejectsMalformedMessages() {
    assertThrows(IllegalArgumentException.class, () -> RouteReply.decode(new byte[40], 40), "shorter than a header");
    String wrongVersion = header(92, 4, 0, 0, 0, 1, 1, 0).replaceFirst("^(.{4})05", "$104");
    assertThrows(IllegalArgumentException.class, () -> decode(wrongVersion));
    String overrun = header(92 + 8, 4, 0, 0, 0x1, 1, 1, 0) + "1002 0000 0a00 4b01";
    assertThrows(IllegalArgumentException.class, () -> decode(overrun), "a 16-byte sockaddr in 8 bytes");
    String missing = header(92, 4, 0, 0, 0x1, 1, 1, 0);
    assertThrows(IllegalArgumentException.class, () -> decode(missing), "addrs names a sockaddr that is not there");
    String oddMask = header(92 + 16 + 8, 4, 0, 0x1, 0x5, 1, 1, 0) + RouteRequestsTest.inet("ac120000") + "08 00 0000 ff00ff00";
    assertThrows(IllegalArgumentException.class, () -> decode(oddMask).destinationCidr(), "non-contiguous mask");
  }
}
