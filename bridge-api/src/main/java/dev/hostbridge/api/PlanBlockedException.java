package dev.hostbridge.api;

import java.util.stream.Collectors;

/** {@code install} found steps that a person must unblock first; nothing was changed. */
public final class PlanBlockedException extends BridgeException {

  private final Plan plan;

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

  public Plan plan() {
    return plan;
  }
}
