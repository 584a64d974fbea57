package dev.hostbridge.core.engine;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeEvent;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.api.Plan;
import dev.hostbridge.api.PlannedStep;
import dev.hostbridge.api.Step;
import dev.hostbridge.api.StepStatus;
import java.util.ArrayList;
import java.util.List;

/** Orders the steps and probes each once; changes nothing. */
public final class Planner {

  private final BridgeConfig config;
  private final HostPlatform platform;
  private final EventDispatcher events;

  public Planner(BridgeConfig config, HostPlatform platform, EventDispatcher events) {
    this.config = config;
    this.platform = platform;
    this.events = events;
  }

  public ProbedPlan plan(List<Step> steps, Journal journal) {
    List<Step> ordered = StepOrder.sort(steps);
    List<PlannedStep> planned = new ArrayList<>(ordered.size());
    for (Step step : ordered) {
      StepStatus status = probe(step, journal);
      planned.add(new PlannedStep(step.id(), step.description(), status, step.isVolatile(), List.copyOf(step.dependsOn())));
    }
    ProbedPlan result = new ProbedPlan(ordered, new Plan(planned));
    events.dispatch(new BridgeEvent.PlanComputed(result.plan()));
    return result;
  }

  private StepStatus probe(Step step, Journal journal) {
    StepStatus status;
    try {
      status = step.check(new JournaledStepContext(step.id(), config, platform, journal, events));
    } catch (RuntimeException e) {
      throw BridgeException.wrap("step.check-failed", e);
    }
    if (status == null) {
      throw new BridgeException("step.check-failed", BridgeException.Kind.INTERNAL,
          "step '" + step.id() + "' returned no status from check()", "Fix the step's check(); it must return a StepStatus.");
    }
    return status;
  }
}
