package dev.hostbridge.cli;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.core.HostBridge;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The real platform (found by ServiceLoader, among the plugins too) and the real Docker engine.
 * How a platform reaches root is the platform's own business (on macOS, a helper started through
 * sudo), so the command is no different from any program that embeds host-bridge.
 */
final class DefaultBridgeFactory implements BridgeFactory {

  private final CliEnvironment environment;

  @Inject
  DefaultBridgeFactory(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public HostBridge.Builder builder(BridgeConfig config) {
    return HostBridge.builder(config).pluginClassLoader(pluginLoader(config));
  }

  @Override
  public List<String> plugins(BridgeConfig config) {
    return PluginPath.of(environment.variables(), config.stateDir()).describe(pluginLoader(config));
  }

  private ClassLoader pluginLoader(BridgeConfig config) {
    return PluginPath.of(environment.variables(), config.stateDir()).loader(DefaultBridgeFactory.class.getClassLoader());
  }
}
