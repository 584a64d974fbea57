package dev.hostbridge.cli;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.Plan;

/** The command's exit codes; scripts and tests rely on them. */
public final class ExitCodes {
  public static final int OK = 0;
  /** A step failed; what the run applied was rolled back. */
  public static final int FAILED = 1;
  /** Bad usage or configuration; nothing was changed. */
  public static final int USAGE = 2;
  /** Blocked by a missing prerequisite; nothing was changed. */
  public static final int BLOCKED = 3;
  /** The Docker engine could not be reached. */
  public static final int DOCKER_UNREACHABLE = 4;

  /** The exit codes in words, for every command's help. */
  static final String FOOTER_1 = "Exit codes: 0 done; 1 a step failed (what this run applied was rolled back);";
  static final String FOOTER_2 = "2 bad usage or configuration, 3 blocked by a missing prerequisite (for both,";
  static final String FOOTER_3 = "nothing was changed); 4 Docker unreachable.";

  private ExitCodes() {}

  public static int of(BridgeException e) {
    return of(e.kind());
  }

  public static int of(BridgeException.Kind kind) {
    return switch (kind) {
      case USER -> USAGE;
      case PREREQUISITE -> BLOCKED;
      case DOCKER -> DOCKER_UNREACHABLE;
      case PLATFORM, INTERNAL -> FAILED;
    };
  }

  /**
   * The exit code of a plan: that of the first step whose probe failed (Docker unreachable: 4),
   * else 3 when a step is blocked, else 0.
   */
  public static int of(Plan plan) {
    return plan.steps().stream().map(s -> s.status().failure()).flatMap(java.util.Optional::stream)
        .findFirst().map(ExitCodes::of).orElse(plan.isBlocked() ? BLOCKED : OK);
  }
}
