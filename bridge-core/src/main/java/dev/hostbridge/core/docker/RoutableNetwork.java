package dev.hostbridge.core.docker;

import dev.hostbridge.api.Ipv4Cidr;
import java.util.List;
import java.util.Optional;

/**
 * A Docker network as the tunnel sees it: its IPv4 subnets, whether it is {@code --internal}
 * (its containers have no route out, so traffic from the host into it is masqueraded), and for a
 * bridge network the name of its bridge interface in the VM, for a macvlan network its parent there.
 */
public record RoutableNetwork(String id, String name, String driver, String scope, boolean internal, List<Ipv4Cidr> subnets,
    Optional<String> bridgeInterface, Optional<String> macvlanParent, java.util.Set<Integer> takenAddresses) {

  /**
   * @param takenAddresses the IPv4 addresses in use on the network (its gateways; for a macvlan
   *     network also its containers'), which an address of host-bridge's there must not take
   */
  public RoutableNetwork {
    subnets = List.copyOf(subnets);
    takenAddresses = java.util.Set.copyOf(takenAddresses);
  }

  public RoutableNetwork(String id, String name, String driver, String scope, boolean internal, List<Ipv4Cidr> subnets,
      Optional<String> bridgeInterface, Optional<String> macvlanParent) {
    this(id, name, driver, scope, internal, subnets, bridgeInterface, macvlanParent, java.util.Set.of());
  }

  /** Networks whose containers the host can reach through the VM: local ones with a subnet, not host or none. */
  public boolean routable() {
    return "local".equals(scope) && !subnets.isEmpty() && !"host".equals(driver) && !"null".equals(driver);
  }
}
