package dev.hostbridge.macos.wire;

import static dev.hostbridge.macos.wire.Bytes.assertBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hostbridge.api.Ipv4Cidr;
import org.junit.jupiter.api.Test;

/** Whole messages, byte by byte, as route(8) would send them for the same command. */
class RouteRequestsTest {

  static final int PID = 0x1234;
  static final String PID_LE = "34120000";
  static final Ipv4Cidr SUBNET = Ipv4Cidr.parse("172.18.0.0/16");

  static String header(int msglen, int type, int flags, int addrs, int seq) {
    return le16(msglen) + "05" + String.format("%02x", type) + "0000" + "0000"
        + le32(flags) + le32(addrs) + PID_LE + le32(seq) + Bytes.zeros(12) + Bytes.zeros(56);
  }

  static String le16(int value) {
    return String.format("%02x%02x", value & 0xff, (value >>> 8) & 0xff);
  }

  static String le32(int value) {
    return le16(value & 0xffff) + le16(value >>> 16);
  }

  static String inet(String hexAddress) {
    return "1002 0000 " + hexAddress + Bytes.zeros(8);
  }

  @Test
  void addThroughAGateway() {
    // route -n add -net 172.18.0.0/16 10.0.75.2: UP|GATEWAY|STATIC, DST|GATEWAY|NETMASK.
    byte[] message = RouteRequests.add(SUBNET, new RouteRequests.Gateway(Ipv4Cidr.parseAddress("10.0.75.2")), 1, PID);
    assertBytes(header(140, 1, 0x1 | 0x2 | 0x800, 0x1 | 0x2 | 0x4, 1)
        + inet("ac120000") + inet("0a004b02") + inet("ffff0000"), message);
  }

  @Test
  void addOutOfAnInterfaceUsesItsLinkAddressAndNoGatewayFlag() {
    // route -n add -net 172.18.0.0/16 -interface tap1: the gateway is tap1's sockaddr_dl.
    byte[] message = RouteRequests.add(SUBNET, new RouteRequests.Link(7, "tap1"), 2, PID);
    assertBytes(header(92 + 16 + 20 + 16, 1, 0x1 | 0x800, 0x7, 2)
        + inet("ac120000") + "1412 0700 00 04 00 00 74617031" + Bytes.zeros(8) + inet("ffff0000"), message);
  }

  @Test
  void aSlash32IsAHostRouteWithoutNetmask() {
    byte[] message = RouteRequests.add(Ipv4Cidr.parse("10.0.75.2/32"),
        new RouteRequests.Gateway(Ipv4Cidr.parseAddress("10.0.75.1")), 3, PID);
    assertBytes(header(124, 1, 0x1 | 0x2 | 0x4 | 0x800, 0x3, 3) + inet("0a004b02") + inet("0a004b01"), message);
  }

  @Test
  void deleteIsTheSameMessageWithAnotherType() {
    byte[] add = RouteRequests.add(SUBNET, new RouteRequests.Gateway(1), 4, PID);
    byte[] delete = RouteRequests.delete(SUBNET, new RouteRequests.Gateway(1), 4, PID);
    assertEquals(RouteMessage.RTM_DELETE, delete[3]);
    delete[3] = (byte) RouteMessage.RTM_ADD;
    assertBytes(java.util.HexFormat.of().formatHex(add), delete);
  }

  @Test
  void destinationIsSentInNetworkForm() {
    byte[] message = RouteRequests.add(Ipv4Cidr.parse("172.18.5.6/16"), new RouteRequests.Gateway(1), 1, PID);
    assertBytes(inet("ac120000"), java.util.Arrays.copyOfRange(message, 92, 108));
  }

  @Test
  void getAsksForExactlyThisNetworkAndForTheInterface() {
    // route -n get -net 172.18.0.0/16: DST|NETMASK|IFP, the IFP an empty sockaddr_dl.
    byte[] message = RouteRequests.get(SUBNET, 5, PID);
    assertBytes(header(144, 4, 0x1, 0x1 | 0x4 | 0x10, 5)
        + inet("ac120000") + inet("ffff0000") + "1412" + Bytes.zeros(18), message);
  }

  @Test
  void getOfAHostSetsRtfHost() {
    byte[] message = RouteRequests.get(Ipv4Cidr.parse("10.0.75.2/32"), 6, PID);
    assertBytes(header(128, 4, 0x1 | 0x4, 0x1 | 0x10, 6) + inet("0a004b02") + "1412" + Bytes.zeros(18), message);
  }

  @Test
  void aLinkNeedsARealIndex() {
    assertThrows(IllegalArgumentException.class, () -> new RouteRequests.Link(0, "tap1"));
  }
}
