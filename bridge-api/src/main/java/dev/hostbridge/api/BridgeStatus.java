package dev.hostbridge.api;

import java.util.List;
import java.util.Optional;

/**
 * Where the machine stands: each step's state, the Docker network, the host's address on the
 * tap interface, and what the journal says this tool changed.
 *
 * @param platform the name of the platform in use, e.g. {@code macos}
 * @param plan every step in the order it runs, with what its probe found now
 * @param network the Docker network's name
 * @param device the host's tap device, e.g. {@code tap1}
 * @param hostAddress the first IPv4 address of the device's interface, with its prefix; empty
 *     when the interface does not exist or has no address
 * @param journaledSteps the ids of the steps whose changes the journal holds, in the journal's order
 */
public record BridgeStatus(
    String platform,
    Plan plan,
    String network,
    String device,
    Optional<Ipv4Cidr> hostAddress,
    List<String> journaledSteps) {

  /**
   * Copies {@code journaledSteps}, so that the status does not change with the caller's list.
   *
   * @param platform the name of the platform in use
   * @param plan every step with what its probe found
   * @param network the Docker network's name
   * @param device the host's tap device
   * @param hostAddress the device's first IPv4 address; empty when it has none
   * @param journaledSteps the ids of the journaled steps; not null
   */
  public BridgeStatus {
    journaledSteps = List.copyOf(journaledSteps);
  }
}
