package dev.hostbridge.cli;

import dev.hostbridge.api.Plan;
import dev.hostbridge.core.HostBridge;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    footer = {"", "Examples:",
        "  host-bridge plan",
        "  host-bridge plan --network tap --device tap1",
        "  host-bridge plan --json | jq .steps",
        "", ExitCodes.FOOTER_1, ExitCodes.FOOTER_2, ExitCodes.FOOTER_3},
    description = "Show what install would do, step by step; changes nothing. Exits 3 when a step is blocked.")
final class PlanCommand extends BridgeCommand {

  @Inject
  PlanCommand(CliEnvironment environment, BridgeFactory factory, Renderer renderer) {
    super(environment, factory, renderer);
  }

  @Option(names = "--json", description = "Print one JSON object: command, platform, network, device, blocked, complete, "
      + "steps[{id, state, description, reason, remedy, code, volatile}], exitCode; on failure {command, error{code, kind, "
      + "message, remedy}, exitCode}.")
  boolean json;

  @Override
  boolean json() {
    return json;
  }

  @Override
  int run(HostBridge bridge) {
    Plan plan = bridge.plan();
    int exitCode = ExitCodes.of(plan);
    String strategy = bridge.strategy().optionValue();
    if (json) {
      renderer.json().plan(bridge.platform().name(), strategy, bridge.config().network(), bridge.config().device(), plan, exitCode);
    } else if (bridge.strategy() == dev.hostbridge.api.BridgeConfig.Strategy.TUNNEL) {
      renderer.line("host-bridge plan: platform %s, strategy %s, tunnel address %s", bridge.platform().name(), strategy,
          bridge.config().tunnelAddress());
      renderer.plan(plan);
    } else {
      renderer.line("host-bridge plan: platform %s, strategy %s, network %s, device %s", bridge.platform().name(), strategy,
          bridge.config().network(), bridge.config().device());
      renderer.plan(plan);
    }
    return exitCode;
  }
}
