package dev.hostbridge.core.tunnel;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.StepStatus;
import dev.hostbridge.core.ControlSocket;
import dev.hostbridge.core.docker.DockerEngine;
import dev.hostbridge.core.docker.RoutableNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the tunnel's live steps share: the host's side when this process keeps it (the watcher),
 * and the Docker engine. In any other process ({@code plan}, {@code install}, {@code status}) the
 * live steps can only say whether a watcher keeps the tunnel.
 */
public final class Tunnel {

  /** The VM sends a keepalive every 25 s; three missed mean the tunnel is down. */
  public static final int KEEPALIVE = 25;
  public static final Duration SILENCE = Duration.ofSeconds(3L * KEEPALIVE);

  private final BridgeConfig config;
  private final Supplier<DockerEngine> docker;
  private final Optional<TunnelRuntime> runtime;
  private List<RoutableNetwork> networks;
  private Optional<String> firewallBackend;

  public Tunnel(BridgeConfig config, Supplier<DockerEngine> docker, Optional<TunnelRuntime> runtime) {
    this.config = config;
    this.docker = docker;
    this.runtime = runtime;
  }

  BridgeConfig config() {
    return config;
  }

  DockerEngine docker() {
    return docker.get();
  }

  /** The host's side, when this process keeps it. */
  Optional<TunnelRuntime> runtime() {
    return runtime;
  }

  /** For a process that does not keep the tunnel: satisfied when a watcher answers for this state directory, else blocked. */
  StepStatus keptByWatcher(String what) {
    if (ControlSocket.ask(config.stateDir(), ControlSocket.STATUS, ControlSocket.ASK_TIMEOUT).isPresent()) {
      return StepStatus.satisfied(what + ": kept by the host-bridge watcher of " + config.stateDir());
    }
    return StepStatus.blocked(what + ": the tunnel lives in host-bridge watch, and no watcher runs for " + config.stateDir(),
        "Run 'sudo host-bridge service install --strategy tunnel' to keep it at boot, or 'sudo host-bridge watch --strategy tunnel'.");
  }

  /**
   * The networks whose subnets go into the tunnel: local ones with an IPv4 subnet. Asked of the
   * engine once per operation (the steps, and this with them, are made anew for each), so that a
   * plan's steps see one list and the watcher's look costs one request.
   */
  synchronized List<RoutableNetwork> networks() {
    if (networks == null) {
      List<RoutableNetwork> out = new ArrayList<>();
      for (RoutableNetwork network : docker().routableNetworks()) {
        if (network.routable()) {
          out.add(network);
        }
      }
      networks = List.copyOf(out);
    }
    return networks;
  }

  /** The engine's firewall backend, asked once per operation as {@link #networks()} is. */
  synchronized Optional<String> firewallBackend() {
    if (firewallBackend == null) {
      firewallBackend = docker().firewallBackend();
    }
    return firewallBackend;
  }

  /**
   * Why the VM's firewall keeps routed traffic out whatever the VM side does, when it does:
   * Engine 29's nftables backend has no DOCKER-USER chain, and an accept there is not final.
   */
  public static Optional<StepStatus> nftables(Optional<String> backend) {
    if (backend.filter(driver -> driver.startsWith("nftables")).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(StepStatus.blocked(dev.hostbridge.api.ErrorCode.TUNNEL_NFTABLES, "Docker in the VM uses its nftables firewall"
        + " backend (" + backend.get() + "), which drops traffic routed to containers and has no DOCKER-USER chain for"
        + " host-bridge's accept rules", "Set \"firewall-backend\": \"iptables\" in the engine's daemon.json (Docker Desktop:"
        + " Settings > Docker Engine; Colima: colima start --edit) and restart Docker; nftables support is experimental in Engine 29."));
  }

  Set<Ipv4Cidr> subnets(List<RoutableNetwork> networks) {
    Set<Ipv4Cidr> subnets = new LinkedHashSet<>();
    for (RoutableNetwork network : networks) {
      for (Ipv4Cidr subnet : network.subnets()) {
        if (!subnet.overlaps(config.tunnelAddress())) {
          subnets.add(subnet.network());
        }
      }
    }
    return subnets;
  }

  /**
   * The macvlan networks, as the VM side gives each a shim: {@code parent=subnet=address}, the
   * address the last usable one of the subnet (Docker hands addresses out from the bottom). A
   * macvlan child cannot talk to its parent, so the VM reaches the network through a sibling.
   */
  static List<String> macvlans(List<RoutableNetwork> networks) {
    List<String> out = new ArrayList<>();
    for (RoutableNetwork network : networks) {
      if (network.macvlanParent().isEmpty() || network.subnets().isEmpty()) {
        continue;
      }
      Ipv4Cidr subnet = network.subnets().get(0).network();
      siblingAddress(subnet, network.takenAddresses())
          .ifPresent(address -> out.add(network.macvlanParent().get() + "=" + subnet + "=" + Ipv4Cidr.formatAddress(address)));
    }
    return out.stream().sorted().toList();
  }

  /**
   * The VM's own address on a macvlan network: the highest of the subnet that its gateway and
   * containers do not use (Docker hands addresses out from the bottom); none in a full subnet.
   */
  public static Optional<Integer> siblingAddress(Ipv4Cidr subnet, Set<Integer> taken) {
    if (subnet.prefixLength() > 30) {
      return Optional.empty();
    }
    for (int address = subnet.broadcast() - 1; address != subnet.network().address(); address--) {
      if (!taken.contains(address)) {
        return Optional.of(address);
      }
    }
    return Optional.empty();
  }

  /** What the VM side was set up for besides the tunnel itself: the bridges it masquerades into, the macvlan shims. */
  static List<String> layout(List<String> natBridges, List<String> macvlans) {
    List<String> all = new ArrayList<>(natBridges);
    macvlans.forEach(m -> all.add("macvlan " + m));
    return List.copyOf(all);
  }

  /** The bridges of {@code --internal} networks: their containers have no route back, so the VM side masquerades into them. */
  public static List<String> natBridges(List<RoutableNetwork> networks) {
    return networks.stream().filter(RoutableNetwork::internal).flatMap(n -> n.bridgeInterface().stream()).sorted().toList();
  }
}
