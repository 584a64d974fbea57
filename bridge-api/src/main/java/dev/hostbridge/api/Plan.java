package dev.hostbridge.api;

import java.util.List;

/** The steps in the order they run, each probed once. */
public record Plan(List<PlannedStep> steps) {

  public Plan {
    steps = List.copyOf(steps);
  }

  public List<PlannedStep> withState(StepStatus.State state) {
    return steps.stream().filter(s -> s.status().is(state)).toList();
  }

  public boolean isBlocked() {
    return !withState(StepStatus.State.BLOCKED).isEmpty();
  }

  /** True when every step is already SATISFIED. */
  public boolean isComplete() {
    return steps.stream().allMatch(s -> s.status().is(StepStatus.State.SATISFIED));
  }
}
