package dev.hostbridge.cli;

import dev.hostbridge.api.BridgeException;
import java.util.ArrayList;
import java.util.List;

/** The doctor's lines, one subject each, and the exit code its problems add up to. */
final class DoctorReport {

  private static final String CONTINUATION = "\n" + " ".repeat(17);

  private final Renderer renderer;
  private final List<Integer> problems = new ArrayList<>();

  DoctorReport(Renderer renderer) {
    this.renderer = renderer;
  }

  void fact(String subject, String text) {
    renderer.line("  %-13s  %s", subject, text.replace("\n", CONTINUATION));
  }

  void problem(String subject, String text, String remedy, int exitCode) {
    problems.add(exitCode);
    fact(subject, "PROBLEM: " + text);
    if (!remedy.isEmpty()) {
      fact("", "fix: " + remedy);
    }
  }

  /** Runs one check; a failure is reported under its subject and the doctor goes on to the next. */
  void check(String subject, Runnable check) {
    try {
      check.run();
    } catch (BridgeException e) {
      problem(subject, e.getMessage(), e.remedy(), ExitCodes.of(e));
    }
  }

  int problemCount() {
    return problems.size();
  }

  /** Docker unreachable first (nothing works without it), then a missing prerequisite, then any other failure. */
  int exitCode() {
    if (problems.contains(ExitCodes.DOCKER_UNREACHABLE)) {
      return ExitCodes.DOCKER_UNREACHABLE;
    }
    if (problems.contains(ExitCodes.BLOCKED)) {
      return ExitCodes.BLOCKED;
    }
    return problems.isEmpty() ? ExitCodes.OK : problems.get(0);
  }
}
