package dev.hostbridge.cli;

import dev.hostbridge.api.Plan;
import dev.hostbridge.api.StepStatus;
import dev.hostbridge.core.HostBridge;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "install", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    footer = {"", "Examples:",
        "  host-bridge install",
        "  host-bridge install --yes --subnet 10.0.75.0/24 --gateway 10.0.75.1",
        "  host-bridge install --tuntap-pkg ~/Downloads/tuntap_20150118.pkg",
        "", ExitCodes.FOOTER_1, ExitCodes.FOOTER_2, ExitCodes.FOOTER_3},
    description = "Apply every pending step; run again after a Docker restart to restore the host address.")
final class InstallCommand extends BridgeCommand {

  @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (for scripts).")
  boolean yes;

  @Option(names = "--rekey", description = "With the tunnel: replace the host's WireGuard key with a new one; the watcher "
      + "restarts the tunnel with it and sets the VM side up again within 25 s.")
  boolean rekey;

  @Inject
  InstallCommand(CliEnvironment environment, BridgeFactory factory, Renderer renderer) {
    super(environment, factory, renderer);
  }

  @Override
  int run(HostBridge bridge) {
    if (rekey) {
      renderer.line("install: the tunnel's new public key is %s", bridge.rotateTunnelKey());
    }
    if (!yes) {
      Plan plan = bridge.plan();
      renderer.plan(plan);
      int pending = plan.withState(StepStatus.State.PENDING).size();
      if (pending > 0 && !plan.isBlocked() && !confirmed(false, "Apply " + pending + " change(s)?")) {
        renderer.line("nothing changed");
        return ExitCodes.OK;
      }
    }
    Plan carriedOut = bridge.install();
    int applied = carriedOut.withState(StepStatus.State.PENDING).size();
    renderer.line(applied == 0 ? "install: nothing to do, every step is satisfied" : "install: done, %d step(s) applied", applied);
    return ExitCodes.OK;
  }
}
