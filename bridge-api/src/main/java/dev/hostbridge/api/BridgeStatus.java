package dev.hostbridge.api;

import java.util.List;
import java.util.Optional;

/**
 * Where the machine stands: each step's state, the Docker network, the host's address on the
 * tap interface, and what the journal says this tool changed.
 */
public record BridgeStatus(
    String platform,
    Plan plan,
    String network,
    String device,
    Optional<Ipv4Cidr> hostAddress,
    List<String> journaledSteps) {

  public BridgeStatus {
    journaledSteps = List.copyOf(journaledSteps);
  }
}
