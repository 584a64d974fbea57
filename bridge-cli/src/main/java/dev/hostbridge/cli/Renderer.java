package dev.hostbridge.cli;

import dev.hostbridge.api.BridgeEvent;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.Plan;
import dev.hostbridge.api.PlannedStep;
import dev.hostbridge.api.StepStatus;
import dev.hostbridge.core.HostBridge;
import jakarta.inject.Inject;
import java.io.PrintWriter;

/** Turns plans, events and errors into the lines a person reads. */
final class Renderer {

  private final PrintWriter out;
  private final PrintWriter err;

  @Inject
  Renderer(CliEnvironment environment) {
    this.out = environment.out();
    this.err = environment.err();
  }

  void plan(Plan plan) {
    int width = plan.steps().stream().mapToInt(s -> s.id().length()).max().orElse(4);
    for (PlannedStep step : plan.steps()) {
      StepStatus status = step.status();
      out.printf("  %-9s  %-" + width + "s  %s%s%n", status.state(), step.id(),
          status.reason().isEmpty() ? step.description() : status.reason(), step.isVolatile() ? " (volatile)" : "");
      if (!status.remedy().isEmpty()) {
        out.printf("  %-9s  %-" + width + "s  fix: %s%n", "", "", status.remedy());
      }
    }
    if (plan.steps().isEmpty()) {
      out.println("  (no steps)");
    }
    out.flush();
  }

  /** Prints each step as it runs. */
  HostBridge.Builder listen(HostBridge.Builder builder) {
    return builder
        .addListener(BridgeEvent.StepStarted.class, e -> line("applying  %s: %s", e.stepId(), e.description()))
        .addListener(BridgeEvent.StepProgress.class, e -> line("          %s: %s", e.stepId(), e.message()))
        .addListener(BridgeEvent.StepApplied.class, e -> line("applied   %s", e.stepId()))
        .addListener(BridgeEvent.StepFailed.class, e -> line("FAILED    %s: %s", e.stepId(), e.error().getMessage()))
        .addListener(BridgeEvent.StepReverted.class, e -> line("reverted  %s", e.stepId()))
        .addListener(BridgeEvent.RevertFailed.class, e -> line("NOT UNDONE %s: %s", e.stepId(), e.error().getMessage()));
  }

  void line(String format, Object... args) {
    out.printf(format + "%n", args);
    out.flush();
  }

  void error(BridgeException e) {
    err.printf("host-bridge: error [%s]: %s%n", e.code(), e.getMessage());
    if (!e.remedy().isEmpty()) {
      err.printf("  fix: %s%n", e.remedy().replace("\n", "\n       "));
    }
    err.flush();
  }
}
