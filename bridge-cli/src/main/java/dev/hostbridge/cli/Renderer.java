package dev.hostbridge.cli;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.Plan;
import dev.hostbridge.api.PlannedStep;
import dev.hostbridge.api.StepStatus;
import dev.hostbridge.core.HostBridge;
import jakarta.inject.Inject;
import java.io.PrintWriter;

/**
 * Turns plans, events and errors into what a person reads: results on standard output, progress
 * and errors on standard error; {@link #json()} writes the {@code --json} documents instead.
 */
final class Renderer {

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean verbose;
  private final Progress progress;

  @Inject
  Renderer(CliEnvironment environment) {
    this.out = environment.out();
    this.err = environment.err();
    this.verbose = environment.verbose();
    long start = System.nanoTime();
    this.progress = new Progress(err, environment.interactive(), () -> (System.nanoTime() - start) / 1_000_000);
  }

  void plan(Plan plan) {
    progress.clearLine();
    int width = plan.steps().stream().mapToInt(s -> s.id().length()).max().orElse(4);
    // Lines after the first of a reason or remedy line up under its first word.
    String indent = "\n" + " ".repeat(2 + 9 + 2 + width + 2);
    for (PlannedStep step : plan.steps()) {
      StepStatus status = step.status();
      String reason = status.reason().isEmpty() ? step.description() : status.reason();
      out.printf("  %-9s  %-" + width + "s  %s%s%s%n", status.state(), step.id(),
          status.code().isEmpty() ? "" : "[" + status.code() + "] ",
          reason.replace("\n", indent), step.isVolatile() ? " (volatile)" : "");
      if (!status.remedy().isEmpty()) {
        // A satisfied step's remedy is a note on what it left out (a route it skipped).
        String label = status.is(StepStatus.State.SATISFIED) ? "note:" : "fix:";
        out.printf("  %-9s  %-" + width + "s  %s %s%n", "", "", label,
            status.remedy().replace("\n", indent + " ".repeat(label.length() + 1)));
      }
    }
    if (plan.steps().isEmpty()) {
      out.println("  (no steps)");
    }
    out.flush();
  }

  /** Shows each step as it is checked and run. */
  HostBridge.Builder listen(HostBridge.Builder builder) {
    return progress.listen(builder);
  }

  JsonReport json() {
    progress.clearLine();
    return new JsonReport(out);
  }

  void line(String format, Object... args) {
    progress.clearLine();
    out.printf(format + "%n", args);
    out.flush();
  }

  void error(BridgeException e) {
    progress.clearLine();
    err.printf("host-bridge: error [%s]: %s%n", e.code(), e.getMessage());
    if (!e.remedy().isEmpty()) {
      err.printf("  fix: %s%n", e.remedy().replace("\n", "\n       "));
    }
    if (verbose && e.kind() == BridgeException.Kind.INTERNAL) {
      e.printStackTrace(err);
    }
    err.flush();
  }

  /** Ends the progress display (its ticker, a line left open on a terminal). */
  void finish() {
    progress.close();
  }
}
