package dev.hostbridge.core.tunnel;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.Step;
import dev.hostbridge.core.docker.DockerEngine;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The tunnel strategy's steps, in their natural order. */
public final class TunnelSteps {

  private TunnelSteps() {}

  /** With {@code runtime} when this process keeps the tunnel (the watcher), empty elsewhere. */
  public static List<Step> create(BridgeConfig config, Supplier<DockerEngine> docker, Optional<TunnelRuntime> runtime) {
    Tunnel tunnel = new Tunnel(config, docker, runtime);
    return List.of(new TunnelKey(), new TunnelImage(docker), new TunnelHost(tunnel), new TunnelVm(tunnel), new TunnelRoutes(tunnel));
  }
}
