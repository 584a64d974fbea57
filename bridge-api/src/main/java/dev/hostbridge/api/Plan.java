package dev.hostbridge.api;

import java.util.List;

/**
 * The steps in the order they run, each probed once.
 *
 * @param steps every step, in the order it runs, with what its probe found
 */
public record Plan(List<PlannedStep> steps) {

  /**
   * Copies {@code steps}, so that the plan does not change with the caller's list.
   *
   * @param steps the steps in the order they run; not null
   */
  public Plan {
    steps = List.copyOf(steps);
  }

  /**
   * The steps whose probe found them in {@code state}, in the order they run.
   *
   * @param state the state to select
   * @return those steps; empty when there is none
   */
  public List<PlannedStep> withState(StepStatus.State state) {
    return steps.stream().filter(s -> s.status().is(state)).toList();
  }

  /**
   * Whether some step is BLOCKED, so that {@code install} changes nothing.
   *
   * @return true when at least one step is BLOCKED
   */
  public boolean isBlocked() {
    return !withState(StepStatus.State.BLOCKED).isEmpty();
  }

  /**
   * True when every step is already SATISFIED.
   *
   * @return true when there is nothing to do; also for a plan without steps
   */
  public boolean isComplete() {
    return steps.stream().allMatch(s -> s.status().is(StepStatus.State.SATISFIED));
  }
}
