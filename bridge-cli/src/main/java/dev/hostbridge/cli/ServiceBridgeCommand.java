package dev.hostbridge.cli;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.core.HostBridge;
import dev.hostbridge.core.steps.BootService;
import dev.hostbridge.core.steps.ServiceProgram;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the service commands share: a bridge of one step, the boot service, with its own journal in
 * {@code <state dir>/service}, so that it is journaled like every other change and undone on its
 * own (uninstalling the service leaves the installation; uninstalling the installation leaves the
 * service, which then only reports that there is nothing to keep).
 */
abstract class ServiceBridgeCommand extends BridgeCommand {

  ServiceBridgeCommand(CliEnvironment environment, BridgeFactory factory, Renderer renderer) {
    super(environment, factory, renderer);
  }

  /** The watcher's log, beside the journal. */
  static Path log(HostBridge bridge) {
    return bridge.config().stateDir().resolve("watch.log");
  }

  HostBridge service(HostBridge bridge) {
    BridgeConfig config = bridge.config();
    BridgeConfig serviceConfig = options.toConfig(environment.variables(),
        Map.of(ConfigKey.STATE_DIR, config.stateDir().resolve("service").toString()));
    // The service runs as root at every boot: from a copy of the jar that only root can change.
    Optional<ServiceProgram> program = WatchCommandLine.runsFromJar()
        ? Optional.of(ServiceProgram.of(WatchCommandLine.codeLocation(), bridge.platform().services().programDirectory()))
        : Optional.empty();
    List<String> argv = WatchCommandLine.of(config, bridge.strategy(), dockerHost(config), log(bridge), program.map(ServiceProgram::copy));
    HostBridge.Builder builder = factory.builder(serviceConfig).withoutBuiltInSteps().discoverPlugins(false);
    program.ifPresent(builder::addStep);
    return builder.addStep(new BootService(argv, log(bridge))).build();
  }

  /**
   * The engine found now, written into the service: a service starts as root, without the user's
   * environment or Docker context, and would look elsewhere. Empty when none answers now.
   */
  private Optional<String> dockerHost(BridgeConfig config) {
    try {
      return Optional.of(factory.dockerEndpoint(config, environment.variables()).uri().toString());
    } catch (BridgeException e) {
      return config.dockerHost();
    }
  }
}
