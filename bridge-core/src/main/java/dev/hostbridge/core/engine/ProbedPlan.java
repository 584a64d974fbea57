package dev.hostbridge.core.engine;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.Plan;
import dev.hostbridge.api.Step;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plan together with the step objects it was probed from, in the same order, and the failures
 * of the probes that could not answer (by step id; their steps are BLOCKED in the plan).
 */
public record ProbedPlan(List<Step> steps, Plan plan, Map<String, BridgeException> probeFailures) {
  public ProbedPlan {
    steps = List.copyOf(steps);
    probeFailures = Map.copyOf(probeFailures);
  }

  /** The failure of the first step, in plan order, whose probe failed. */
  public Optional<BridgeException> firstProbeFailure() {
    return plan.steps().stream().map(s -> probeFailures.get(s.id())).filter(java.util.Objects::nonNull).findFirst();
  }
}
