package dev.hostbridge.api;

import java.util.List;
import java.util.Optional;

/**
 * What a step may ask the Docker engine: read-only, and only what host-bridge itself needs to
 * know. Failures are {@link BridgeException}s of kind DOCKER (the engine is unreachable, say).
 */
public interface DockerAccess {

  /**
   * The engine's address, e.g. {@code unix:///var/run/docker.sock}.
   *
   * @return the endpoint
   */
  String endpoint();

  /**
   * The network of exactly this name.
   *
   * @param name the network's name
   * @return the network; empty when the engine has none of that name
   */
  Optional<Network> network(String name);

  /**
   * A Docker network as a step sees it.
   *
   * @param id the engine's id
   * @param name its name
   * @param driver e.g. {@code macvlan}, {@code bridge}
   * @param subnet its IPv4 subnet, when it has one
   * @param gateway its IPv4 gateway with the subnet's prefix, when it has one
   * @param containers the names of the containers attached to it
   */
  record Network(String id, String name, String driver, Optional<Ipv4Cidr> subnet, Optional<Ipv4Cidr> gateway,
      List<String> containers) {
    /**
     * Copies {@code containers}, so that the network does not change with the caller's list.
     *
     * @param id the engine's id
     * @param name its name
     * @param driver its driver
     * @param subnet its IPv4 subnet; empty when it has none
     * @param gateway its IPv4 gateway; empty when it has none
     * @param containers the names of the attached containers; not null
     */
    public Network {
      containers = List.copyOf(containers);
    }
  }
}
