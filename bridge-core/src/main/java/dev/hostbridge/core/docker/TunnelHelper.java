package dev.hostbridge.core.docker;

import java.util.List;
import java.util.Map;

/**
 * The VM side's helper container: {@code command} in {@code image} with the VM's network and
 * NET_ADMIN only (never privileged), these environment variables, labelled with the tunnel
 * interface it serves. It may exit when done (kernel WireGuard) or keep running (wireguard-go);
 * {@link DockerEngine#startTunnelHelper} returns once it said {@code ready=1} or {@code error=...}.
 */
public record TunnelHelper(String image, List<String> command, Map<String, String> environment, String interfaceName) {

  /** The label every tunnel helper carries, with the interface it serves as its value. */
  public static final String LABEL = "dev.hostbridge.tunnel";

  public TunnelHelper {
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
  }

  /** What the helper printed up to its answer, and whether it keeps running. */
  public record Started(String containerId, String output, boolean running) {}
}
