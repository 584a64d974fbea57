package dev.hostbridge.core.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.core.docker.RoutableNetwork;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the VM side is set up for besides the tunnel: masquerading into internal bridges, its own address on macvlan networks. */
class TunnelLayoutTest {

  static int ip(String text) {
    return Ipv4Cidr.parseAddress(text);
  }

  static RoutableNetwork macvlan(String subnet, Set<Integer> taken) {
    return new RoutableNetwork("id1", "lan", "macvlan", "local", false, List.of(Ipv4Cidr.parse(subnet)), Optional.empty(),
        Optional.of("eth0"), taken);
  }

  @Test
  void theVmTakesTheHighestAddressThatNeitherTheGatewayNorAContainerUses() {
    assertEquals(List.of("eth0=172.30.0.0/24=172.30.0.254"), Tunnel.macvlans(List.of(macvlan("172.30.0.0/24", Set.of(ip("172.30.0.1"))))));
    // A gateway at the top of the range (as on many LANs) and a container given the next address by hand.
    assertEquals(List.of("eth0=172.30.0.0/24=172.30.0.252"), Tunnel.macvlans(List.of(macvlan("172.30.0.0/24",
        Set.of(ip("172.30.0.254"), ip("172.30.0.253"), ip("172.30.0.2"))))));
  }

  @Test
  void aFullSubnetGetsNoAddressAndNoSibling() {
    assertEquals(Optional.empty(), Tunnel.siblingAddress(Ipv4Cidr.parse("10.9.0.0/30"), Set.of(ip("10.9.0.1"), ip("10.9.0.2"))));
    assertEquals(Optional.of(ip("10.9.0.1")), Tunnel.siblingAddress(Ipv4Cidr.parse("10.9.0.0/30"), Set.of(ip("10.9.0.2"))));
    assertEquals(Optional.empty(), Tunnel.siblingAddress(Ipv4Cidr.parse("10.9.0.0/31"), Set.of()));
    assertEquals(List.of(), Tunnel.macvlans(List.of(macvlan("10.9.0.0/30", Set.of(ip("10.9.0.1"), ip("10.9.0.2"))))));
  }

  @Test
  void aContainerThatTakesTheVmsAddressChangesTheLayoutSoTheVmSideIsSetUpAgain() {
    List<String> before = Tunnel.layout(List.of(), Tunnel.macvlans(List.of(macvlan("172.30.0.0/24", Set.of(ip("172.30.0.1"))))));
    List<String> after = Tunnel.layout(List.of(), Tunnel.macvlans(List.of(macvlan("172.30.0.0/24",
        Set.of(ip("172.30.0.1"), ip("172.30.0.254"))))));
    assertEquals(List.of("macvlan eth0=172.30.0.0/24=172.30.0.254"), before);
    assertEquals(List.of("macvlan eth0=172.30.0.0/24=172.30.0.253"), after);
  }
}
