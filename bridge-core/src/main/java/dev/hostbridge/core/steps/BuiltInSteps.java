package dev.hostbridge.core.steps;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.Step;
import dev.hostbridge.core.docker.DockerEngine;
import java.util.List;
import java.util.function.Supplier;

/** The seed's seven steps, in their natural order. */
public final class BuiltInSteps {

  private BuiltInSteps() {}

  public static List<Step> create(BridgeConfig config, Supplier<DockerEngine> docker) {
    return List.of();
  }
}
