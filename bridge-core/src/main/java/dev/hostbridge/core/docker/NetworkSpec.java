package dev.hostbridge.core.docker;

import dev.hostbridge.api.Ipv4Cidr;
import java.util.Map;
import java.util.Optional;

/** A network to create. */
public record NetworkSpec(
    String name, String driver, Map<String, String> options, Map<String, String> labels,
    Optional<Ipv4Cidr> subnet, Optional<Ipv4Cidr> gateway) {

  public NetworkSpec {
    options = Map.copyOf(options);
    labels = Map.copyOf(labels);
  }
}
