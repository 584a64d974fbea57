package dev.hostbridge.core.docker;

import dev.hostbridge.api.BridgeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Finds the Docker engine for a configuration and connects to it. */
public final class DockerEngines {

  private static final Path SYSTEM_SOCKET = Path.of("/var/run/docker.sock");

  private DockerEngines() {}

  /** The first endpoint that answers a ping, or a DOCKER error listing every attempt. */
  public static DockerEndpoint resolve(BridgeConfig config, Map<String, String> environment) {
    return new DockerHostResolver(config, environment, SYSTEM_SOCKET, new PingProbe(Duration.ofSeconds(3))).resolve();
  }

  public static DockerEngine connect(BridgeConfig config, Map<String, String> environment) {
    return new DockerJavaEngine(resolve(config, environment));
  }
}
