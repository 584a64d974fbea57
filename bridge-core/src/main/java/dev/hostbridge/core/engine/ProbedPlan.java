package dev.hostbridge.core.engine;

import dev.hostbridge.api.Plan;
import dev.hostbridge.api.Step;
import java.util.List;

/** A plan together with the step objects it was probed from, in the same order. */
public record ProbedPlan(List<Step> steps, Plan plan) {
  public ProbedPlan {
    steps = List.copyOf(steps);
  }
}
