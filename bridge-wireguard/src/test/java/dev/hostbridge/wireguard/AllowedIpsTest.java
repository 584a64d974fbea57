package dev.hostbridge.wireguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AllowedIpsTest {

  @Test
  void theLongestPrefixWinsAndASecondOwnerTakesTheNetwork() throws Exception {
    AllowedIps table = new AllowedIps();
    table.put(Cidr.parse("10.0.0.0/8"), "a");
    table.put(Cidr.parse("10.1.2.77/24"), "b");
    table.put(Cidr.parse("fd00::/64"), "c");
    assertEquals(Optional.of("b"), table.lookup(ip("10.1.2.3")));
    assertEquals(Optional.of("a"), table.lookup(ip("10.1.3.3")));
    assertEquals(Optional.empty(), table.lookup(ip("11.0.0.1")));
    assertEquals(Optional.of("c"), table.lookup(ip("fd00::9")));
    assertEquals(Optional.empty(), table.lookup(ip("fd00:0:0:1::9")));

    table.put(Cidr.parse("10.1.2.0/24"), "a");
    assertEquals(Optional.of("a"), table.lookup(ip("10.1.2.3")), "the same network given again moves it");
    assertEquals(List.of(), table.networksOf("b"));
    table.removePeer("a");
    assertEquals(Optional.empty(), table.lookup(ip("10.1.2.3")));
  }

  @Test
  void packetsAreRoutedByDestinationAndCheckedBySource() {
    AllowedIps table = new AllowedIps();
    table.put(Cidr.parse("10.200.0.1/32"), "vm");
    byte[] ping = Icmp.echoReply(Icmp.echoRequest(new byte[] {10, (byte) 200, 0, 1}, new byte[] {10, (byte) 200, 0, 2}, 1));
    // a reply goes from .2 to .1: to the vm, and it could not have come from the vm
    assertEquals(Optional.of("vm"), table.peerForDestination(ping, ping.length));
    assertFalse(table.acceptsFrom("vm", ping, ping.length));
    byte[] request = Icmp.echoRequest(new byte[] {10, (byte) 200, 0, 1}, new byte[] {10, (byte) 200, 0, 2}, 1);
    assertTrue(table.acceptsFrom("vm", request, request.length));
    assertFalse(table.acceptsFrom("someone-else", request, request.length));
    assertEquals(Optional.empty(), table.peerForDestination(new byte[] {0x45, 0}, 2), "too short to be IPv4");
  }

  @Test
  void containsHonoursPartialBytes() {
    Cidr net = Cidr.parse("192.168.64.0/18");
    assertTrue(net.contains(new byte[] {(byte) 192, (byte) 168, 127, 1}));
    assertFalse(net.contains(new byte[] {(byte) 192, (byte) 168, (byte) 128, 1}));
    assertFalse(net.contains(new byte[16]), "another family");
    assertTrue(Cidr.parse("0.0.0.0/0").contains(new byte[] {1, 2, 3, 4}));
    assertEquals("192.168.64.0/18", Cidr.parse("192.168.100.7/18").network().toString());
  }

  private static byte[] ip(String literal) throws Exception {
    return InetAddress.getByName(literal).getAddress();
  }
}
