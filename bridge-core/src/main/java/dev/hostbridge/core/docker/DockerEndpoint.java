package dev.hostbridge.core.docker;

import java.net.URI;

/** A Docker API address and the rule that found it (e.g. "DOCKER_HOST", "context desktop-linux"). */
public record DockerEndpoint(URI uri, String foundBy) {

  public boolean isUnixSocket() {
    return "unix".equals(uri.getScheme());
  }

  @Override
  public String toString() {
    return uri + " (" + foundBy + ")";
  }
}
