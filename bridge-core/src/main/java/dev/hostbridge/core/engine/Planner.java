package dev.hostbridge.core.engine;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeEvent;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.DockerAccess;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.api.Plan;
import dev.hostbridge.api.PlannedStep;
import dev.hostbridge.api.Step;
import dev.hostbridge.api.StepStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Orders the steps and probes each once; changes nothing. A probe that fails does not stop the
 * plan: its step is BLOCKED with the failure's code and remedy, and the next step is probed.
 */
public final class Planner {

  private static final Logger LOG = dev.hostbridge.core.Logs.get(Planner.class);

  private final BridgeConfig config;
  private final HostPlatform platform;
  private final EventDispatcher events;
  private final DockerAccess docker;

  public Planner(BridgeConfig config, HostPlatform platform, EventDispatcher events, DockerAccess docker) {
    this.docker = docker;
    this.config = config;
    this.platform = platform;
    this.events = events;
  }

  public ProbedPlan plan(List<Step> steps, Journal journal) {
    List<Step> ordered = StepOrder.sort(steps);
    List<PlannedStep> planned = new ArrayList<>(ordered.size());
    Map<String, BridgeException> failures = new LinkedHashMap<>();
    for (Step step : ordered) {
      StepStatus status = probe(step, journal, failures);
      planned.add(new PlannedStep(step.id(), step.description(), status, step.isVolatile(), List.copyOf(step.dependsOn())));
    }
    ProbedPlan result = new ProbedPlan(ordered, new Plan(planned), failures);
    events.dispatch(new BridgeEvent.PlanComputed(result.plan()));
    return result;
  }

  private StepStatus probe(Step step, Journal journal, Map<String, BridgeException> failures) {
    events.dispatch(new BridgeEvent.StepChecking(step.id(), step.description()));
    StepStatus status;
    try {
      status = step.check(new JournaledStepContext(step.id(), config, platform, journal, events, docker));
      if (status == null) {
        throw new BridgeException(ErrorCode.STEP_CHECK_FAILED, "step '" + step.id() + "' returned no status from check()", "Fix the step's check(); it must return a StepStatus.");
      }
    } catch (RuntimeException e) {
      BridgeException failure = BridgeException.wrap(ErrorCode.STEP_CHECK_FAILED, e);
      LOG.debug("probe of {} failed [{}]", step.id(), failure.code(), failure);
      failures.put(step.id(), failure);
      status = StepStatus.unprobed(failure);
    }
    LOG.debug("probe of {}: {} ({})", step.id(), status.state(), status.reason());
    events.dispatch(new BridgeEvent.StepChecked(step.id(), status));
    return status;
  }
}
