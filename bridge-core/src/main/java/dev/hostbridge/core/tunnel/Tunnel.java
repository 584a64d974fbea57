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
    if (ControlSocket.ask(config.stateDir(), ControlSocket.STATUS, Duration.ofSeconds(2)).isPresent()) {
      return StepStatus.satisfied(what + ": kept by the host-bridge watcher of " + config.stateDir());
    }
    return StepStatus.blocked(what + ": the tunnel lives in host-bridge watch, and no watcher runs for " + config.stateDir(),
        "Run 'sudo host-bridge service install --strategy tunnel' to keep it at boot, or 'sudo host-bridge watch --strategy tunnel'.");
  }

  /** The networks whose subnets go into the tunnel: local ones with an IPv4 subnet, not the tunnel's own. */
  List<RoutableNetwork> networks() {
    List<RoutableNetwork> out = new ArrayList<>();
    for (RoutableNetwork network : docker().routableNetworks()) {
      if (network.routable()) {
        out.add(network);
      }
    }
    return out;
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

  /** The bridges of {@code --internal} networks: their containers have no route back, so the VM side masquerades into them. */
  static List<String> natBridges(List<RoutableNetwork> networks) {
    return networks.stream().filter(RoutableNetwork::internal).flatMap(n -> n.bridgeInterface().stream()).sorted().toList();
  }
}
