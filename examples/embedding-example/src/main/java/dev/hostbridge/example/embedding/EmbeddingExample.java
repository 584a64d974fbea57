package dev.hostbridge.example.embedding;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeEvent;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.api.Plan;
import dev.hostbridge.api.PlannedStep;
import dev.hostbridge.core.HostBridge;
import dev.hostbridge.core.Settings;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Plans, installs and uninstalls one step of its own with host-bridge's engine (journal, rollback,
 * events), in a state directory of its own, without the built-in steps: nothing on the machine
 * changes but a file in that directory.
 */
public final class EmbeddingExample {

  private EmbeddingExample() {}

  public static void main(String[] args) throws Exception {
    Path state = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("host-bridge-embedding");
    run(state, System.out);
  }

  /** Returns how many steps the install applied. */
  static int run(Path state, PrintStream out) {
    // The environment is given once, here; the settings may also come from it (DOCKER_TAP_NETWORK, ...).
    BridgeConfig config = Settings.builder().environment(System.getenv())
        .set(ConfigKey.STATE_DIR, state.toString())
        .build();
    try (HostBridge bridge = HostBridge.builder(config)
        .withoutBuiltInSteps()
        .discoverPlugins(false)
        .addStep(new MarkerFileStep())
        .addListener(BridgeEvent.StepApplied.class, e -> out.println("event: applied " + e.stepId()))
        .addListener(BridgeEvent.StepReverted.class, e -> out.println("event: reverted " + e.stepId()))
        .build()) {
      Plan plan = bridge.plan();
      for (PlannedStep step : plan.steps()) {
        out.println("plan: " + step.id() + " " + step.status().state() + " (" + step.status().reason() + ")");
      }
      Plan carriedOut = bridge.install();
      int applied = carriedOut.withState(dev.hostbridge.api.StepStatus.State.PENDING).size();
      out.println("status: complete=" + bridge.status().plan().isComplete() + ", journal=" + bridge.status().journaledSteps());
      bridge.uninstall();
      out.println("after uninstall: journal=" + bridge.status().journaledSteps());
      return applied;
    }
  }
}
