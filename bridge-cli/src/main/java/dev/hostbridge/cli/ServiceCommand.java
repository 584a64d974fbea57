package dev.hostbridge.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code host-bridge service install|uninstall|status}: the watcher as a boot service. */
@Command(name = "service", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    subcommands = {ServiceCommand.Install.class, ServiceCommand.Uninstall.class, ServiceCommand.Status.class},
    description = "Run 'host-bridge watch' at boot, kept alive by launchd (macOS) or systemd (Linux).",
    footer = {"", "Examples:",
        "  sudo host-bridge service install --network tap",
        "  host-bridge service status",
        "  sudo host-bridge service uninstall",
        "", ExitCodes.FOOTER_1, ExitCodes.FOOTER_2, ExitCodes.FOOTER_3})
final class ServiceCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: choose one of install, uninstall, status.");
  }

  @Command(name = "install", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Write the service definition for watch with these settings, and start it (needs root).",
      footer = {"", ExitCodes.FOOTER_1, ExitCodes.FOOTER_2, ExitCodes.FOOTER_3})
  static final class Install extends ServiceBridgeCommand {
    @picocli.CommandLine.Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (for scripts).")
    boolean yes;

    @jakarta.inject.Inject
    Install(CliEnvironment environment, BridgeFactory factory, Renderer renderer) {
      super(environment, factory, renderer);
    }

    @Override
    int run(dev.hostbridge.core.HostBridge bridge) {
      try (dev.hostbridge.core.HostBridge service = service(bridge)) {
        dev.hostbridge.api.Plan plan = service.plan();
        renderer.plan(plan);
        if (plan.isComplete()) {
          renderer.line("service install: nothing to do, the service is installed with these settings");
          return ExitCodes.OK;
        }
        if (!plan.isBlocked() && !confirmed(yes, "Install the boot service?")) {
          renderer.line("nothing changed");
          return ExitCodes.OK;
        }
        service.install();
        renderer.line("service install: done; the watcher logs to %s", log(bridge));
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "uninstall", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Stop the service and remove what service install wrote (needs root); the installation stays.",
      footer = {"", ExitCodes.FOOTER_1, ExitCodes.FOOTER_2, ExitCodes.FOOTER_3})
  static final class Uninstall extends ServiceBridgeCommand {
    @jakarta.inject.Inject
    Uninstall(CliEnvironment environment, BridgeFactory factory, Renderer renderer) {
      super(environment, factory, renderer);
    }

    @Override
    int run(dev.hostbridge.core.HostBridge bridge) {
      try (dev.hostbridge.core.HostBridge service = service(bridge)) {
        if (service.journal().isEmpty()) {
          renderer.line("service uninstall: no service was installed by host-bridge");
          return ExitCodes.OK;
        }
        service.uninstall();
        renderer.line("service uninstall: done");
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Whether the boot service is installed with these settings, and what the service manager says.",
      footer = {"", ExitCodes.FOOTER_1, ExitCodes.FOOTER_2, ExitCodes.FOOTER_3})
  static final class Status extends ServiceBridgeCommand {
    @jakarta.inject.Inject
    Status(CliEnvironment environment, BridgeFactory factory, Renderer renderer) {
      super(environment, factory, renderer);
    }

    @Override
    int run(dev.hostbridge.core.HostBridge bridge) {
      try (dev.hostbridge.core.HostBridge service = service(bridge)) {
        dev.hostbridge.api.Plan plan = service.plan();
        renderer.plan(plan);
        return ExitCodes.of(plan);
      }
    }
  }
}
