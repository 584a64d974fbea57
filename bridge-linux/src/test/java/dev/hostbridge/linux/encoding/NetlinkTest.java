package dev.hostbridge.linux.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hostbridge.api.Ipv4Cidr;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class NetlinkTest {

  static ByteBuffer read(byte[] message) {
    return ByteBuffer.wrap(message).order(ByteOrder.nativeOrder());
  }

  static byte[] slice(byte[] message, int from, int length) {
    byte[] out = new byte[length];
    System.arraycopy(message, from, out, 0, length);
    return out;
  }

  @Test
  void addAddressIsAnAcknowledgedCreateOrReplace() {
    byte[] m = Netlink.addAddress(77, 5, Ipv4Cidr.parse("10.0.75.1/24"));
    ByteBuffer b = read(m);
    assertEquals(16 + 8 + 24, m.length);
    assertEquals(m.length, b.getInt(0), "nlmsg_len");
    assertEquals(20, b.getShort(4), "RTM_NEWADDR");
    assertEquals(0x1 | 0x4 | 0x400 | 0x100, b.getShort(6), "REQUEST|ACK|CREATE|REPLACE");
    assertEquals(77, b.getInt(8), "seq");
    assertEquals(2, m[16], "AF_INET");
    assertEquals(24, m[17], "prefix length");
    assertEquals(5, b.getInt(20), "interface index");
    // IFA_LOCAL, IFA_ADDRESS, IFA_BROADCAST: rta_len 8, type, 4 address bytes in network order
    assertEquals(8, b.getShort(24));
    assertEquals(2, b.getShort(26));
    assertArrayEquals(new byte[] {10, 0, 75, 1}, slice(m, 28, 4));
    assertEquals(1, b.getShort(34));
    assertArrayEquals(new byte[] {10, 0, 75, 1}, slice(m, 36, 4));
    assertEquals(4, b.getShort(42));
    assertArrayEquals(new byte[] {10, 0, 75, (byte) 255}, slice(m, 44, 4));
  }

  @Test
  void deleteAddressHasNoCreateFlags() {
    byte[] m = Netlink.deleteAddress(1, 5, Ipv4Cidr.parse("10.0.75.1/24"));
    assertEquals(21, read(m).getShort(4), "RTM_DELADDR");
    assertEquals(0x1 | 0x4, read(m).getShort(6));
  }

  @Test
  void aGatewayRouteIsUniverseScope() {
    byte[] m = Netlink.addRoute(3, Ipv4Cidr.parse("172.18.0.0/16"), Ipv4Cidr.parseAddress("10.0.75.2"), null);
    ByteBuffer b = read(m);
    assertEquals(16 + 12 + 16, m.length);
    assertEquals(24, b.getShort(4), "RTM_NEWROUTE");
    assertEquals(0x1 | 0x4 | 0x400 | 0x200, b.getShort(6), "REQUEST|ACK|CREATE|EXCL");
    assertArrayEquals(new byte[] {2, 16, 0, 0, (byte) 254, 4, 0, 1}, slice(m, 16, 8), "family, dst_len, src, tos, main, static, universe, unicast");
    assertEquals(1, b.getShort(30), "RTA_DST");
    assertArrayEquals(new byte[] {(byte) 172, 18, 0, 0}, slice(m, 32, 4));
    assertEquals(5, b.getShort(38), "RTA_GATEWAY");
    assertArrayEquals(new byte[] {10, 0, 75, 2}, slice(m, 40, 4));
  }

  @Test
  void anInterfaceRouteIsLinkScopeWithTheIndexInHostOrder() {
    byte[] m = Netlink.deleteRoute(3, Ipv4Cidr.parse("172.18.5.9/16"), null, 7);
    ByteBuffer b = read(m);
    assertEquals(25, b.getShort(4), "RTM_DELROUTE");
    assertEquals((byte) 253, m[22], "RT_SCOPE_LINK");
    assertArrayEquals(new byte[] {(byte) 172, 18, 0, 0}, slice(m, 32, 4), "the destination is the network");
    assertEquals(4, b.getShort(38), "RTA_OIF");
    assertEquals(7, b.getInt(40));
  }

  static byte[] reply(int seq, int error) {
    ByteBuffer b = ByteBuffer.allocate(36).order(ByteOrder.nativeOrder());
    b.putInt(36).putShort((short) 2).putShort((short) 0).putInt(seq).putInt(4242).putInt(error);
    return b.array();
  }

  @Test
  void readsTheKernelsAnswer() {
    assertEquals(0, Netlink.acknowledgement(reply(9, 0), 36, 9));
    assertEquals(17, Netlink.acknowledgement(reply(9, -17), 36, 9), "EEXIST");
    assertThrows(IllegalStateException.class, () -> Netlink.acknowledgement(reply(8, 0), 36, 9));
    assertThrows(IllegalStateException.class, () -> Netlink.acknowledgement(reply(9, 0), 10, 9));
  }
}
