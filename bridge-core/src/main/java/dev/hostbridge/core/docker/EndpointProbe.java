package dev.hostbridge.core.docker;

import java.util.Optional;

/** Asks whether a Docker API answers at an address; returns why not, or empty when it does. */
@FunctionalInterface
public interface EndpointProbe {
  Optional<String> problem(DockerEndpoint endpoint);
}
