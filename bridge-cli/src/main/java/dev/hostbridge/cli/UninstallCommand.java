package dev.hostbridge.cli;

import dev.hostbridge.core.HostBridge;
import dev.hostbridge.core.JournalView;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "uninstall", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    footer = {"", "Examples:",
        "  host-bridge uninstall",
        "  host-bridge uninstall --yes --network tap",
        "", ExitCodes.FOOTER_1, ExitCodes.FOOTER_2, ExitCodes.FOOTER_3},
    description = "Undo, newest first, every change the journal says host-bridge made.")
final class UninstallCommand extends BridgeCommand {

  @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (for scripts).")
  boolean yes;

  @Inject
  UninstallCommand(CliEnvironment environment, BridgeFactory factory, Renderer renderer) {
    super(environment, factory, renderer);
  }

  @Override
  int run(HostBridge bridge) {
    JournalView journal = bridge.journal();
    if (journal.isEmpty()) {
      renderer.line("uninstall: the journal is empty, nothing to undo");
      return ExitCodes.OK;
    }
    List<String> newestFirst = new ArrayList<>(journal.stepIds());
    Collections.reverse(newestFirst);
    renderer.line("uninstall will undo: %s", String.join(", ", newestFirst));
    if (!confirmed(yes, "Undo " + journal.changes().size() + " change(s)?")) {
      renderer.line("nothing changed");
      return ExitCodes.OK;
    }
    bridge.uninstall();
    renderer.line("uninstall: done");
    return ExitCodes.OK;
  }
}
