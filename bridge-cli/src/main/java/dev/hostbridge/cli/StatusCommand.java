package dev.hostbridge.cli;

import dev.hostbridge.api.BridgeStatus;
import dev.hostbridge.core.HostBridge;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    footer = {"", "Examples:",
        "  host-bridge status",
        "  host-bridge status --json",
        "", ExitCodes.FOOTER_1, ExitCodes.FOOTER_2, ExitCodes.FOOTER_3},
    description = "Show each step's state, the network, the host address and the journal; changes nothing.")
final class StatusCommand extends BridgeCommand {

  @Option(names = "--json", description = "Print one JSON object: command, platform, network, device, hostAddress, complete, "
      + "steps[{id, state, description, reason, remedy, code, volatile}], journal, exitCode; on failure {command, "
      + "error{code, kind, message, remedy}, exitCode}.")
  boolean json;

  @Override
  boolean json() {
    return json;
  }

  @Inject
  StatusCommand(CliEnvironment environment, BridgeFactory factory, Renderer renderer) {
    super(environment, factory, renderer);
  }

  @Override
  int run(HostBridge bridge) {
    BridgeStatus status = bridge.status();
    if (json) {
      renderer.json().status(status, ExitCodes.OK);
    } else {
      renderer.line("platform %s, network %s, device %s, host address %s", status.platform(), status.network(),
          status.device(), status.hostAddress().map(Object::toString).orElse("none"));
      renderer.plan(status.plan());
      renderer.line("journal: %s", status.journaledSteps().isEmpty() ? "empty" : String.join(", ", status.journaledSteps()));
    }
    return ExitCodes.OK;
  }
}
