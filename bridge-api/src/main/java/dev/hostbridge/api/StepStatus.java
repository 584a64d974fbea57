package dev.hostbridge.api;

import java.util.Objects;

/**
 * What a step's probe found. {@code reason} says why (for PENDING and BLOCKED); {@code remedy}
 * says what a person can do (for BLOCKED).
 */
public record StepStatus(State state, String reason, String remedy) {

  public enum State {
    /** Already true: nothing to do. */
    SATISFIED,
    /** Not yet true and {@code apply} can make it so. */
    PENDING,
    /** Not true and cannot be made so by this tool: a person has to act first. */
    BLOCKED
  }

  public StepStatus {
    Objects.requireNonNull(state, "state");
    reason = reason == null ? "" : reason;
    remedy = remedy == null ? "" : remedy;
  }

  public static StepStatus satisfied(String reason) {
    return new StepStatus(State.SATISFIED, reason, "");
  }

  public static StepStatus pending(String reason) {
    return new StepStatus(State.PENDING, reason, "");
  }

  public static StepStatus blocked(String reason, String remedy) {
    return new StepStatus(State.BLOCKED, reason, remedy);
  }

  public boolean is(State other) {
    return state == other;
  }
}
