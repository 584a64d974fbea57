package dev.hostbridge.cli;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.core.HostBridge;
import jakarta.inject.Inject;

/** The real platform (found by ServiceLoader) and the real Docker engine. */
final class DefaultBridgeFactory implements BridgeFactory {

  private final CliEnvironment environment;

  @Inject
  DefaultBridgeFactory(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public HostBridge.Builder builder(BridgeConfig config) {
    return HostBridge.builder(config).environment(environment.variables());
  }
}
