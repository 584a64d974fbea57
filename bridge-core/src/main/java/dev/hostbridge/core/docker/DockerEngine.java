package dev.hostbridge.core.docker;

import java.util.Optional;

/**
 * The Docker operations host-bridge uses, and nothing else. Internal to the core: docker-java
 * types stay behind it, and tests use a fake.
 */
public interface DockerEngine extends AutoCloseable {

  DockerEndpoint endpoint();

  EngineInfo info();

  Optional<DockerNetwork> network(String name);

  DockerNetwork createNetwork(NetworkSpec spec);

  void removeNetwork(String idOrName);

  boolean hasImage(String image);

  /** Pulls the image from its registry. */
  void pull(String image);

  HelperRun.Result runHelper(HelperRun run);

  /** The name and kernel of the machine the engine runs on, to tell a VM from this host. */
  default EngineHost host() {
    throw new UnsupportedOperationException("this engine does not say where it runs");
  }

  /**
   * The engine's firewall backend as {@code GET /info} reports it ({@code iptables},
   * {@code nftables}, {@code iptables+firewalld}); empty from engines older than 28.2, which
   * only have iptables.
   */
  default Optional<String> firewallBackend() {
    return Optional.empty();
  }

  /** Every network of the engine with its IPv4 subnets, for the tunnel's routes. */
  default java.util.List<RoutableNetwork> routableNetworks() {
    throw new UnsupportedOperationException("this engine does not list networks");
  }

  /**
   * Starts the tunnel's VM-side helper and waits (at most a minute) until it answered; one that
   * exited is removed, one that keeps running is left, found again by its label. Helpers of the
   * same interface from before are removed first.
   */
  default TunnelHelper.Started startTunnelHelper(TunnelHelper helper) {
    throw new UnsupportedOperationException("this engine does not run tunnel helpers");
  }

  /** Removes every tunnel helper container of {@code interfaceName}, running or not; returns how many. */
  default int removeTunnelHelpers(String interfaceName) {
    throw new UnsupportedOperationException("this engine does not run tunnel helpers");
  }

  /** Removes the image {@code reference}; one that is not there is not an error. */
  default void removeImage(String reference) {
    throw new UnsupportedOperationException("this engine does not remove images");
  }

  /** Builds {@code tag} from a build context given as a tar stream (a Dockerfile at its root). */
  default void buildImage(java.io.InputStream context, String tag) {
    throw new UnsupportedOperationException("this engine does not build images");
  }

  /**
   * Delivers network events as they happen, on a thread of the client's, until the returned
   * handle is closed (for keeping routes in step with Docker's networks).
   */
  default AutoCloseable watchNetworks(java.util.function.Consumer<NetworkEvent> listener) {
    return watchNetworks(listener, () -> {});
  }

  /**
   * As {@link #watchNetworks(java.util.function.Consumer)}, and {@code onEnd} runs once when the
   * stream ends without being closed: the daemon stopped or the connection broke. A watcher then
   * reconnects.
   */
  AutoCloseable watchNetworks(java.util.function.Consumer<NetworkEvent> listener, Runnable onEnd);

  @Override
  void close();
}
