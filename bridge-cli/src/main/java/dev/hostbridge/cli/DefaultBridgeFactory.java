package dev.hostbridge.cli;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.core.HostBridge;
import dev.hostbridge.core.platform.PlatformSelector;
import dev.hostbridge.macos.privileged.ElevatedPlatform;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The real platform (found by ServiceLoader) and the real Docker engine. On macOS the tool runs as
 * the user, and the few changes that need root go to a helper that sudo starts (see
 * {@link PrivilegeMode}); the helper lives as long as the bridge.
 */
final class DefaultBridgeFactory implements BridgeFactory {

  private final CliEnvironment environment;
  private final BiFunction<BridgeConfig, ClassLoader, HostPlatform> platforms;
  private final RootCheck root;
  private final Supplier<HelperProcessChannel> helpers;

  @Inject
  DefaultBridgeFactory(CliEnvironment environment) {
    this(environment, (config, loader) -> PlatformSelector.fromLoader(loader).select(config), RootCheck.system(),
        () -> HelperProcessChannel.throughSudo(environment));
  }

  DefaultBridgeFactory(CliEnvironment environment, BiFunction<BridgeConfig, ClassLoader, HostPlatform> platforms, RootCheck root,
      Supplier<HelperProcessChannel> helpers) {
    this.environment = environment;
    this.platforms = platforms;
    this.root = root;
    this.helpers = helpers;
  }

  @Override
  public HostBridge.Builder builder(BridgeConfig config) {
    ClassLoader plugins = pluginLoader(config);
    HostBridge.Builder builder = HostBridge.builder(config).pluginClassLoader(plugins);
    HostPlatform platform = platforms.apply(config, plugins);
    switch (PrivilegeMode.choose(platform.name(), root, environment.variables())) {
      case HELPER -> {
        HelperProcessChannel helper = helpers.get();
        builder.closeWith(helper);
        platform = new ElevatedPlatform(platform, helper);
      }
      case ROOT_THROUGH_SUDO -> warnRootThroughSudo(PrivilegeMode.sudoUser(environment.variables()));
      case DIRECT -> {
        // the platform as it is
      }
    }
    return builder.platform(platform);
  }

  @Override
  public List<String> plugins(BridgeConfig config) {
    return PluginPath.of(environment.variables(), config.stateDir()).describe(pluginLoader(config));
  }

  private ClassLoader pluginLoader(BridgeConfig config) {
    return PluginPath.of(environment.variables(), config.stateDir()).loader(DefaultBridgeFactory.class.getClassLoader());
  }

  /** Says what is true of such a run; it changes nothing about how the run goes. */
  private void warnRootThroughSudo(String user) {
    PrintWriter err = environment.err();
    err.printf("host-bridge: warning: running as root through sudo. Only a few changes need root (the tap device's owner, "
        + "the tap interface's address and state, routes, installing the driver); run host-bridge as %s, without sudo, "
        + "and it asks sudo for exactly those. Docker Desktop must keep running as %s; this run does not switch back "
        + "to %s to quit and reopen it.%n", user, user, user);
    err.flush();
  }
}
