package dev.hostbridge.core.docker;

import dev.hostbridge.api.Ipv4Cidr;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What host-bridge needs to know of a Docker network. {@code gateway} carries the subnet's prefix. */
public record DockerNetwork(
    String id,
    String name,
    String driver,
    Map<String, String> options,
    Map<String, String> labels,
    Optional<Ipv4Cidr> subnet,
    Optional<Ipv4Cidr> gateway,
    List<String> containers) {

  public DockerNetwork {
    options = Map.copyOf(options);
    labels = Map.copyOf(labels);
    containers = List.copyOf(containers);
  }

  /** The macvlan parent interface, when this is a macvlan network. */
  public Optional<String> parent() {
    return Optional.ofNullable(options.get("parent"));
  }
}
