package dev.hostbridge.cli;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.core.docker.DockerEngines;
import dev.hostbridge.core.HostBridge;
import dev.hostbridge.core.docker.DockerEndpoint;
import java.util.List;
import java.util.Map;

/** Makes the facade for one command; tests bind one with a fake platform and Docker. */
public interface BridgeFactory {
  HostBridge.Builder builder(BridgeConfig config);

  /**
   * The Docker endpoint the commands would use: the first that answers a ping. When none does, a
   * DOCKER BridgeException lists every attempt. {@code environment} gives DOCKER_CONTEXT and DOCKER_CONFIG.
   */
  default DockerEndpoint dockerEndpoint(BridgeConfig config, Map<String, String> environment) {
    return DockerEngines.resolve(config, environment);
  }

  /** The plugins this factory adds (jars, and the providers found in them), for the doctor. */
  default List<String> plugins(BridgeConfig config) {
    return List.of();
  }
}
