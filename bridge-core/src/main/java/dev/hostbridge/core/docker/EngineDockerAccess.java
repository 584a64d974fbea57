package dev.hostbridge.core.docker;

import dev.hostbridge.api.DockerAccess;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link DockerAccess} for steps, over host-bridge's own engine connection, made on first use. */
public final class EngineDockerAccess implements DockerAccess {

  private final Supplier<DockerEngine> engine;

  public EngineDockerAccess(Supplier<DockerEngine> engine) {
    this.engine = engine;
  }

  @Override
  public String endpoint() {
    return engine.get().endpoint().uri().toString();
  }

  @Override
  public Optional<Network> network(String name) {
    return engine.get().network(name).map(n -> new Network(n.id(), n.name(), n.driver(), n.subnet(), n.gateway(), n.containers()));
  }
}
