package dev.hostbridge.core.engine;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeEvent;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.DockerAccess;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.api.PlanBlockedException;
import dev.hostbridge.api.PlannedStep;
import dev.hostbridge.api.RunFailedException;
import dev.hostbridge.api.Step;
import dev.hostbridge.api.StepStatus;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Applies a plan's PENDING steps in order, journaling each before and after it changes anything.
 * When a step fails, the steps this run applied are reverted, newest first. Also undoes a whole
 * journal for {@code uninstall}.
 */
public final class Runner {

  private final BridgeConfig config;
  private final HostPlatform platform;
  private final EventDispatcher events;
  private final DockerAccess docker;
  private final Clock clock;

  public Runner(BridgeConfig config, HostPlatform platform, EventDispatcher events, Clock clock, DockerAccess docker) {
    this.docker = docker;
    this.config = config;
    this.platform = platform;
    this.events = events;
    this.clock = clock;
  }

  public void install(ProbedPlan probed, Journal journal) {
    install(probed, journal, step -> true);
  }

  /** Applies only the PENDING steps that {@code which} selects; the others are skipped, as SATISFIED ones are. */
  public void install(ProbedPlan probed, Journal journal, java.util.function.Predicate<Step> which) {
    // A probe that could not answer stops the run with its own failure (Docker unreachable, a
    // conflicting network), which says more than "blocked".
    Optional<BridgeException> unprobed = probed.firstProbeFailure();
    if (unprobed.isPresent()) {
      throw unprobed.get();
    }
    if (probed.plan().isBlocked()) {
      throw new PlanBlockedException(probed.plan());
    }
    // Only what this run newly applied is rolled back. A step journaled by an earlier install and
    // applied again now (a volatile one, a shim upgraded in place) stays: reverting it would take
    // down an installation that worked before this run.
    Deque<Step> newThisRun = new ArrayDeque<>();
    List<String> keptFromBefore = new ArrayList<>();
    List<PlannedStep> planned = probed.plan().steps();
    for (int i = 0; i < planned.size(); i++) {
      Step step = probed.steps().get(i);
      StepStatus status = planned.get(i).status();
      if (!status.is(StepStatus.State.PENDING) || !which.test(step)) {
        events.dispatch(new BridgeEvent.StepSkipped(step.id(), status));
        continue;
      }
      events.dispatch(new BridgeEvent.StepStarted(step.id(), step.description()));
      Optional<JournalEntry> before = journal.find(step.id());
      try {
        TestPoint.at(step.id() + ":before-begin");
        journal.begin(step.id(), clock.instant());
        TestPoint.at(step.id() + ":after-begin");
        step.apply(context(step, journal));
        TestPoint.at(step.id() + ":after-change");
        journal.commit(step.id(), clock.instant());
        TestPoint.at(step.id() + ":after-commit");
      } catch (RuntimeException e) {
        BridgeException failure = BridgeException.wrap(ErrorCode.STEP_APPLY_FAILED, e);
        try {
          before.ifPresentOrElse(journal::restore, () -> journal.remove(step.id()));
        } catch (RuntimeException journalFailure) {
          failure.addSuppressed(journalFailure);
        }
        events.dispatch(new BridgeEvent.StepFailed(step.id(), failure));
        for (int j = i + 1; j < planned.size(); j++) {
          events.dispatch(new BridgeEvent.StepSkipped(planned.get(j).id(), planned.get(j).status()));
        }
        List<String> reverted = new ArrayList<>();
        List<BridgeException> unreverted = new ArrayList<>();
        revertAll(newThisRun, journal, reverted, unreverted);
        throw new RunFailedException(step.id(), failure, reverted, unreverted, keptFromBefore);
      }
      if (before.isPresent()) {
        keptFromBefore.add(step.id());
      } else {
        newThisRun.push(step);
      }
      events.dispatch(new BridgeEvent.StepApplied(step.id()));
    }
  }

  /**
   * Reverts every journaled change, newest first, with the steps known now. A change whose
   * revert fails, or whose step no plugin provides any more, stays in the journal and is reported.
   */
  public List<BridgeException> uninstall(List<Step> steps, Journal journal) {
    Map<String, Step> byId = steps.stream().collect(Collectors.toMap(Step::id, Function.identity()));
    Deque<Step> toRevert = new ArrayDeque<>();
    List<BridgeException> failures = new ArrayList<>();
    for (JournalEntry entry : journal.entries()) {
      Step step = byId.get(entry.stepId());
      if (step == null) {
        BridgeException missing = new BridgeException(ErrorCode.JOURNAL_UNKNOWN_STEP, "the journal lists a change by step '" + entry.stepId() + "', which no built-in step or plugin provides",
            "Put the plugin that provides '" + entry.stepId() + "' back on the class path and run uninstall again.");
        events.dispatch(new BridgeEvent.RevertFailed(entry.stepId(), missing));
        failures.add(missing);
      } else {
        toRevert.push(step);
      }
    }
    revertAll(toRevert, journal, new ArrayList<>(), failures);
    return failures;
  }

  private void revertAll(Deque<Step> newestFirst, Journal journal, List<String> reverted, List<BridgeException> failures) {
    while (!newestFirst.isEmpty()) {
      Step step = newestFirst.pop();
      try {
        step.revert(context(step, journal));
        journal.remove(step.id());
        reverted.add(step.id());
        events.dispatch(new BridgeEvent.StepReverted(step.id()));
      } catch (RuntimeException e) {
        BridgeException failure = BridgeException.wrap(ErrorCode.STEP_REVERT_FAILED, e);
        failures.add(new BridgeException(failure.code(), failure.kind(),
            "step '" + step.id() + "': " + failure.getMessage(), failure.remedy(), failure));
        events.dispatch(new BridgeEvent.RevertFailed(step.id(), failure));
      }
    }
  }

  private JournaledStepContext context(Step step, Journal journal) {
    return new JournaledStepContext(step.id(), config, platform, journal, events, docker);
  }
}
