package dev.hostbridge.api;

import java.util.stream.Collectors;

/** {@code install} found steps that a person must unblock first; nothing was changed. */
public final class PlanBlockedException extends BridgeException {

  /** The plan that was probed ({@link #plan()}). */
  private final Plan plan;

  /**
   * A failure with {@link ErrorCode#PLAN_BLOCKED}: the message names each BLOCKED step with its
   * reason, the remedy gives each such step's remedy on a line of its own.
   *
   * @param plan the plan that was probed, with at least one BLOCKED step
   */
  public PlanBlockedException(Plan plan) {
    super(ErrorCode.PLAN_BLOCKED, message(plan), remedies(plan));
    this.plan = plan;
  }

  private static String message(Plan plan) {
    return "nothing was changed; blocked: " + plan.withState(StepStatus.State.BLOCKED).stream()
        .map(s -> s.id() + " (" + s.status().reason() + ")")
        .collect(Collectors.joining("; "));
  }

  private static String remedies(Plan plan) {
    return plan.withState(StepStatus.State.BLOCKED).stream()
        .map(s -> s.id() + ": " + s.status().remedy())
        .collect(Collectors.joining("\n"));
  }

  /**
   * The plan that was probed.
   *
   * @return every step with what its probe found
   */
  public Plan plan() {
    return plan;
  }
}
