package dev.hostbridge.testkit;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.DockerAccess;
import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.Ipv4Cidr;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A Docker engine with networks held in memory, for steps that read Docker through their context. */
public final class FakeDocker implements DockerAccess {

  /** The engine's networks by name; a test adds to it directly or with {@link #addNetwork}. */
  public final Map<String, Network> networks = new LinkedHashMap<>();
  /** When false, every call fails as an engine that does not answer does (docker.unreachable). */
  public boolean reachable = true;

  @Override
  public String endpoint() {
    check();
    return "unix:///fake/docker.sock";
  }

  @Override
  public Optional<Network> network(String name) {
    check();
    return Optional.ofNullable(networks.get(name));
  }

  /**
   * Adds a network; {@code gateway} carries the subnet's prefix, e.g. 10.0.75.1/24.
   *
   * @param name the network's name; its id is {@code id-} and the name, and it replaces a network
   *     of the same name
   * @param driver e.g. {@code macvlan} or {@code bridge}
   * @param subnet e.g. {@code 10.0.75.0/24}; null for none
   * @param gateway e.g. {@code 10.0.75.1/24}; null for none
   * @return the network, with no containers
   * @throws IllegalArgumentException when the subnet or the gateway is not an address with a prefix
   */
  public Network addNetwork(String name, String driver, String subnet, String gateway) {
    Network network = new Network("id-" + name, name, driver, Optional.ofNullable(subnet).map(Ipv4Cidr::parse),
        Optional.ofNullable(gateway).map(Ipv4Cidr::parse), List.of());
    networks.put(name, network);
    return network;
  }

  private void check() {
    if (!reachable) {
      throw new BridgeException(ErrorCode.DOCKER_UNREACHABLE, "the fake Docker engine is down", "Start it (reachable = true).");
    }
  }
}
