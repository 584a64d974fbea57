package dev.hostbridge.cli;

import dev.hostbridge.api.Plan;
import dev.hostbridge.core.HostBridge;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;

@Command(name = "plan", description = "Show what install would do, step by step; changes nothing. Exits 3 when a step is blocked.")
final class PlanCommand extends BridgeCommand {

  @Inject
  PlanCommand(CliEnvironment environment, BridgeFactory factory, Renderer renderer) {
    super(environment, factory, renderer);
  }

  @Override
  int run(HostBridge bridge) {
    renderer.line("host-bridge plan: platform %s, network %s, device %s", bridge.platform().name(),
        bridge.config().network(), bridge.config().device());
    Plan plan = bridge.plan();
    renderer.plan(plan);
    return plan.isBlocked() ? ExitCodes.BLOCKED : ExitCodes.OK;
  }
}
