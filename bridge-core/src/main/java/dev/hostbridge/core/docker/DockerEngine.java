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
