package dev.hostbridge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4CidrTest {

  @Test
  void parsesAndDerivesTheNetwork() {
    Ipv4Cidr cidr = Ipv4Cidr.parse("172.18.3.1/16");
    assertEquals("172.18.3.1", cidr.addressText());
    assertEquals("255.255.0.0", cidr.netmaskText());
    assertEquals("172.18.0.0/16", cidr.network().toString());
    assertEquals("172.18.255.255", Ipv4Cidr.formatAddress(cidr.broadcast()));
    assertTrue(cidr.contains(Ipv4Cidr.parseAddress("172.18.200.7")));
    assertFalse(cidr.contains(Ipv4Cidr.parseAddress("172.19.0.1")));
    assertFalse(cidr.isNetworkAddress());
  }

  @Test
  void handlesTheEdges() {
    assertEquals("0.0.0.0", Ipv4Cidr.parse("0.0.0.0/0").netmaskText());
    assertEquals("255.255.255.255", Ipv4Cidr.parse("10.0.0.1/32").netmaskText());
    assertEquals("255.255.255.255", Ipv4Cidr.formatAddress(Ipv4Cidr.parseAddress("255.255.255.255")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.1", "10.0.0/8", "10.0.0.256/8", "10.0.0.01/8", "10.0.0.1/33", "a.b.c.d/8", "10.0.0.1/-1", " 10.0.0.1/8"})
  void rejectsAnythingAmbiguous(String text) {
    assertThrows(IllegalArgumentException.class, () -> Ipv4Cidr.parse(text));
  }
}
