package dev.hostbridge.core.steps;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.core.docker.DockerEngine;
import dev.hostbridge.core.docker.DockerNetwork;
import dev.hostbridge.core.docker.RoutableNetwork;
import dev.hostbridge.core.tunnel.Tunnel;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What {@code --route-all} with the tap routes, as the engine's networks say now: the tap's
 * subnet (the macvlan network's), the VM's own address on it (the highest the network's gateway
 * and containers leave free: Docker hands addresses out from the bottom), and the bridge
 * networks behind the VM whose subnets the host reaches through that address. Asked of the engine
 * once per plan (the steps, and this with them, are made anew for each operation) and again by
 * each apply.
 */
public final class RouteAll {

  private final BridgeConfig config;
  private final Supplier<DockerEngine> docker;
  private List<RoutableNetwork> networks;

  public RouteAll(BridgeConfig config, Supplier<DockerEngine> docker) {
    this.config = config;
    this.docker = docker;
  }

  synchronized List<RoutableNetwork> networks() {
    if (networks == null) {
      networks = List.copyOf(docker.get().routableNetworks());
    }
    return networks;
  }

  /** Forgets the listing: an apply looks afresh, since the steps before it in the same run may have made the tap's network. */
  synchronized void refresh() {
    networks = null;
  }

  /** The tap's network ({@code --network}), when it exists. */
  Optional<RoutableNetwork> tapNetwork() {
    return networks().stream().filter(n -> n.name().equals(config.network())).findFirst();
  }

  /** The tap link's subnet in network form: {@code --subnet}, else the tap network's first. */
  Optional<Ipv4Cidr> tapSubnet() {
    return config.subnet().map(Ipv4Cidr::network)
        .or(() -> tapNetwork().flatMap(n -> n.subnets().stream().findFirst()).map(Ipv4Cidr::network));
  }

  /** The host's address on the tap link: {@code --gateway}, else the network's gateway. */
  Optional<Ipv4Cidr> hostAddress() {
    return config.gateway().or(() -> docker.get().network(config.network()).flatMap(DockerNetwork::gateway));
  }

  /**
   * The VM's address on the tap link with the subnet's prefix; empty while the tap network does
   * not exist, or when its subnet has no address left.
   */
  Optional<Ipv4Cidr> vmAddress() {
    Optional<RoutableNetwork> network = tapNetwork();
    Optional<Ipv4Cidr> subnet = tapSubnet();
    if (network.isEmpty() || subnet.isEmpty()) {
      return Optional.empty();
    }
    Set<Integer> taken = new HashSet<>(network.get().takenAddresses());
    config.gateway().ifPresent(gateway -> taken.add(gateway.address()));
    return Tunnel.siblingAddress(subnet.get(), taken).map(address -> Ipv4Cidr.of(address, subnet.get().prefixLength()));
  }

  /** Whether the tap network exists, so that a missing VM address means a full subnet. */
  boolean tapNetworkExists() {
    return tapNetwork().isPresent();
  }

  /**
   * The subnets to route through the VM: the IPv4 subnets of the engine's local bridge networks,
   * in network form, but those that share addresses with the tap's subnet (on the link already).
   * Other macvlan networks are left out: the VM itself cannot reach a macvlan child through its parent.
   */
  Set<Ipv4Cidr> subnets() {
    Optional<Ipv4Cidr> tap = tapSubnet();
    Set<Ipv4Cidr> out = new LinkedHashSet<>();
    for (RoutableNetwork network : routed()) {
      for (Ipv4Cidr subnet : network.subnets()) {
        if (tap.map(t -> !t.overlaps(subnet)).orElse(true)) {
          out.add(subnet.network());
        }
      }
    }
    return out;
  }

  /**
   * The bridges of routed {@code --internal} networks: their containers have no route back, so
   * traffic into them is masqueraded. A bridge name the VM-side script does not take (Docker lets
   * a network choose its own) is left out: its containers stay unreachable, the rest still work.
   */
  List<String> natBridges() {
    return Tunnel.natBridges(routed()).stream().filter(dev.hostbridge.core.tunnel.VmSideScript::scriptableInterface).toList();
  }

  private List<RoutableNetwork> routed() {
    return networks().stream()
        .filter(n -> n.routable() && n.bridgeInterface().isPresent() && !n.name().equals(config.network()))
        .toList();
  }
}
