package dev.hostbridge.it;

import dev.hostbridge.core.docker.DockerEndpoint;
import dev.hostbridge.core.docker.DockerJavaEngine;
import dev.hostbridge.core.docker.HelperRun;
import java.net.URI;
import java.util.List;

/** A process that runs one long helper container, for a test to kill it while the helper runs. */
public final class HelperHolder {

  private HelperHolder() {}

  public static void main(String[] args) {
    DockerJavaEngine engine = new DockerJavaEngine(new DockerEndpoint(URI.create(args[0]), "test"));
    engine.runHelper(new HelperRun(args[1], List.of("sleep", "120"), false, List.of()));
  }
}
