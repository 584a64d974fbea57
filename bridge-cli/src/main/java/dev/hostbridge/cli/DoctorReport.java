package dev.hostbridge.cli;

import dev.hostbridge.api.BridgeException;
import java.util.ArrayList;
import java.util.List;

/**
 * The doctor's facts, one subject each, and the exit code its problems add up to. As text each
 * fact is printed as soon as it is known; as JSON they are gathered for one document at the end.
 */
final class DoctorReport {

  private static final String CONTINUATION = "\n" + " ".repeat(17);

  private final Renderer renderer;
  private final boolean json;
  private final List<JsonReport.Fact> facts = new ArrayList<>();
  private final List<Integer> problems = new ArrayList<>();

  DoctorReport(Renderer renderer, boolean json) {
    this.renderer = renderer;
    this.json = json;
  }

  void fact(String subject, String text) {
    facts.add(new JsonReport.Fact(subject, text, false, ""));
    print(subject, text);
  }

  void problem(String subject, String text, String remedy, int exitCode) {
    problems.add(exitCode);
    facts.add(new JsonReport.Fact(subject, text, true, remedy));
    print(subject, "PROBLEM: " + text);
    if (!remedy.isEmpty()) {
      print("", "fix: " + remedy);
    }
  }

  private void print(String subject, String text) {
    if (!json) {
      renderer.line("  %-13s  %s", subject, text.replace("\n", CONTINUATION));
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

  List<JsonReport.Fact> facts() {
    return List.copyOf(facts);
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
