package dev.hostbridge.macos.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.Ipv4Cidr;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** NET_RT_DUMP's layout, from xnu bsd/net/rtsock.c (sysctl_dumpentry) and route.h, socket.h, sysctl.h. */
class RouteDumpTest {

  static byte[] entry(String cidr, int flags) {
    Ipv4Cidr destination = Ipv4Cidr.parse(cidr);
    return RouteMessage.encode(RouteMessage.RTM_GET, flags, 0, 0, Map.of(
        RouteMessage.RTA_DST, SockaddrIn.encode(destination.network().address()),
        RouteMessage.RTA_GATEWAY, SockaddrIn.encode(Ipv4Cidr.parseAddress("10.0.0.1")),
        RouteMessage.RTA_NETMASK, SockaddrIn.encode(destination.netmask())));
  }

  @Test
  void theMibNamesTheIpv4TablesDump() {
    assertArrayEquals(new int[] {4, 17, 0, 2, 1, 0}, RouteDump.mib(), "CTL_NET, PF_ROUTE, 0, AF_INET, NET_RT_DUMP, 0");
    assertEquals(0x20000 | 0x400000 | 0x800000 | 0x1000000, RouteDump.NOT_A_ROUTE,
        "RTF_WASCLONED, RTF_BROADCAST, RTF_MULTICAST, RTF_IFSCOPE");
  }

  @Test
  void decodesMessagesBackToBackByTheirLength() {
    ByteArrayOutputStream table = new ByteArrayOutputStream();
    table.writeBytes(entry("172.16.0.0/12", RouteMessage.RTF_UP | RouteMessage.RTF_GATEWAY));
    table.writeBytes(entry("10.0.0.0/8", RouteMessage.RTF_UP));
    byte[] bytes = table.toByteArray();
    List<RouteReply> entries = RouteDump.decode(bytes, bytes.length);
    assertEquals(2, entries.size());
    assertEquals(Ipv4Cidr.parse("172.16.0.0/12"), entries.get(0).destinationCidr().orElseThrow());
    assertEquals(Ipv4Cidr.parse("10.0.0.0/8"), entries.get(1).destinationCidr().orElseThrow());
    assertEquals(List.of(), RouteDump.decode(new byte[0], 0), "an empty table");
  }

  @Test
  void aTruncatedOrOverlongMessageIsRefused() {
    byte[] one = entry("10.0.0.0/8", RouteMessage.RTF_UP);
    IllegalArgumentException cut = assertThrows(IllegalArgumentException.class, () -> RouteDump.decode(one, one.length - 1));
    assertTrue(cut.getMessage().contains("does not fit"), cut.getMessage());
    byte[] shortLength = one.clone();
    shortLength[0] = 10;
    shortLength[1] = 0;
    assertThrows(IllegalArgumentException.class, () -> RouteDump.decode(shortLength, shortLength.length));
    assertThrows(IllegalArgumentException.class, () -> RouteDump.decode(new byte[] {1}, 1));
  }
}
