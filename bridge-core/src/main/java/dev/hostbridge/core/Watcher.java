package dev.hostbridge.core;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.BridgeStatus;
import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.Plan;
import dev.hostbridge.api.PlannedStep;
import dev.hostbridge.api.StepStatus;
import dev.hostbridge.core.docker.DockerEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps an installation true: whenever the host's tap interface changes, the Docker network
 * comes or goes, or the Docker engine comes back, it probes every step and applies what is
 * missing, through the same steps and journal as {@code install}. It waits for those events; it
 * does not poll, except that with the tunnel strategy it also looks every 25 s while all is well,
 * since a VM that went quiet sends no event. It restores only volatile steps (what a restart takes
 * away); any other pending step is left for {@code install}. A failure is retried with a capped
 * backoff, and each change of condition is said once ({@code log}), so a Docker engine that is
 * down for minutes makes two lines, not a flood.
 *
 * <p>It never uninstalls: stopping it ({@link #close}, or the process ending) leaves the machine
 * installed. A configuration the journal does not belong to (another device, network or launcher)
 * stops it at once, as {@code install} refuses it.
 */
public final class Watcher implements AutoCloseable {

  /**
   * Where the watcher stands, for {@code status}.
   *
   * @param condition what the latest check found, in one line, as it was said to {@code log}: for
   *     example {@code healthy: every step is satisfied}, or {@code failing: [code] message};
   *     {@code starting} before the first check
   * @param since when the watcher came to this condition
   * @param status the status from the latest check that got one; empty before the first
   * @param checkedAt when the latest check ended; empty before the first
   */
  public record State(String condition, Instant since, Optional<BridgeStatus> status, Optional<Instant> checkedAt) {}

  /**
   * How long to wait before trying again: doubling from {@code first}, never more than {@code max}.
   * A healthy check (for Docker, a connection) starts the doubling again from {@code first}. Waits
   * are taken in whole milliseconds.
   *
   * @param first the wait after the first failure, and before reconnecting to a Docker engine
   *     that went away
   * @param max the longest wait
   */
  public record Backoff(Duration first, Duration max) {
    /**
     * The backoff the command line uses.
     *
     * @return 1 s at first, doubling up to 30 s
     */
    public static Backoff standard() {
      return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    Duration after(int failures) {
      long millis = first.toMillis() << Math.min(failures, 20);
      return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }
  }

  private static final Duration DEBOUNCE = Duration.ofMillis(100);

  private final HostBridge bridge;
  private final Supplier<DockerEngine> docker;
  private final Consumer<String> log;
  private final Backoff backoff;
  private final Clock clock;
  private final BlockingQueue<String> reasons = new LinkedBlockingQueue<>();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "host-bridge-watch-docker");
    thread.setDaemon(true);
    return thread;
  });
  private final List<AutoCloseable> subscriptions = new ArrayList<>();
  private volatile State state;
  private volatile boolean closed;
  private int failures;
  private int dockerFailures;
  private boolean dockerDown;

  Watcher(HostBridge bridge, Supplier<DockerEngine> docker, Consumer<String> log, Backoff backoff, Clock clock) {
    this.bridge = bridge;
    this.docker = docker;
    this.log = log;
    this.backoff = backoff;
    this.clock = clock;
    this.state = new State("starting", clock.instant(), Optional.empty(), Optional.empty());
  }

  /**
   * Where the watcher stands now; safe to call from any thread (the control socket's, say).
   *
   * @return the latest state; {@code starting} until the first check is done
   */
  public State state() {
    return state;
  }

  /**
   * Watches until {@link #close()}: returns normally then. Throws the failure when the first check
   * finds a configuration this machine's journal does not belong to, or one that is invalid. Runs
   * on the calling thread; call it once. Close the watcher even when this throws: that ends its
   * subscriptions.
   *
   * @throws InterruptedException when the calling thread is interrupted while the watcher waits
   * @throws BridgeException with code {@code watch.failed} when the platform cannot watch the
   *     host's interfaces, or the first check's failure of kind {@code USER} (for example a
   *     configuration the journal does not belong to, or an invalid one)
   */
  public void run() throws InterruptedException {
    String device = bridge.config().device();
    try {
      subscriptions.add(bridge.platform().interfaces().watch(name -> {
        if (name.equals(device) || name.isEmpty()) {
          request(name.isEmpty() ? "an interface changed" : name + " changed");
        }
      }));
    } catch (BridgeException e) {
      throw new BridgeException(ErrorCode.WATCH_FAILED, "cannot watch the host's interfaces: " + e.getMessage(), e.remedy(), e);
    }
    scheduler.execute(this::connectDocker);
    boolean first = true;
    Instant retryAt = null;
    String reason = "start";
    while (!closed) {
      if (!first) {
        reason = retryAt == null ? reasons.take()
            : reasons.poll(Math.max(1, Duration.between(clock.instant(), retryAt).toMillis()), TimeUnit.MILLISECONDS);
        if (closed) {
          break;
        }
        if (reason == null) {
          reason = "retry";
        }
        // Changes come in bursts (a link and its addresses): one check for the lot.
        Thread.sleep(DEBOUNCE.toMillis());
        reasons.clear();
      }
      retryAt = check(reason, first);
      first = false;
    }
  }

  /** One look and, when something is missing, one install; returns when to look again, or null to wait for an event. */
  private Instant check(String reason, boolean first) {
    try {
      BridgeStatus status = bridge.status();
      Plan plan = status.plan();
      Optional<PlannedStep> unprobed = plan.steps().stream().filter(s -> s.status().failure().isPresent()).findFirst();
      if (first && unprobed.isPresent() && unprobed.get().status().failure().get() == BridgeException.Kind.USER) {
        // Settings that conflict with what is installed: they will not get better by waiting.
        StepStatus conflict = unprobed.get().status();
        throw new BridgeException(conflict.code(), BridgeException.Kind.USER, unprobed.get().id() + ": " + conflict.reason(),
            conflict.remedy());
      }
      if (plan.isComplete()) {
        failures = 0;
        become("healthy: every step is satisfied" + notes(plan), status);
        return quietCheckAfter();
      }
      if (unprobed.isPresent()) {
        PlannedStep step = unprobed.get();
        return retry("waiting: " + step.id() + " [" + step.status().code() + "] " + step.status().reason(), status);
      }
      if (plan.isBlocked()) {
        PlannedStep step = plan.withState(StepStatus.State.BLOCKED).get(0);
        return retry("blocked: " + step.id() + ": " + step.status().reason() + " (fix: " + step.status().remedy() + ")", status);
      }
      // Only what a restart takes away is the watcher's to restore. A step that is not volatile
      // and is PENDING (a Docker restart while the VM is still booting, say) is waited for: doing
      // it here could restart Docker again and again.
      List<String> pending = plan.withState(StepStatus.State.PENDING).stream().filter(PlannedStep::isVolatile)
          .map(PlannedStep::id).toList();
      if (pending.isEmpty()) {
        PlannedStep step = plan.withState(StepStatus.State.PENDING).get(0);
        return retry("waiting: " + step.id() + " is pending (" + step.status().reason() + "); the watcher restores "
            + "only what a restart takes away, and 'host-bridge install' does the rest", status);
      }
      log.accept("repairing after " + reason + ": " + String.join(", ", pending));
      bridge.installVolatile();
      // What the install itself changed (the address it added) is looked at by the status below.
      // Cleared before that look, not after it: an event that comes while it runs (a network
      // created meanwhile) may not be in it, and stays to make the next look.
      reasons.clear();
      BridgeStatus after = bridge.status();
      if (after.plan().isComplete()) {
        failures = 0;
        become("healthy: applied " + String.join(", ", pending) + notes(after.plan()), after);
        return quietCheckAfter();
      }
      return retry("incomplete after install: " + after.plan().withState(StepStatus.State.PENDING).stream()
          .map(PlannedStep::id).toList(), after);
    } catch (BridgeException e) {
      if (first && e.kind() == BridgeException.Kind.USER) {
        throw e;
      }
      return retry("failing: [" + e.code() + "] " + e.getMessage(), state.status().orElse(null));
    }
  }

  /** The notes of satisfied steps (a route skipped because the host has one): said with the condition, so once per change. */
  private static String notes(Plan plan) {
    StringBuilder out = new StringBuilder();
    for (PlannedStep step : plan.steps()) {
      if (step.status().is(StepStatus.State.SATISFIED) && !step.status().remedy().isEmpty()) {
        out.append("; warning: ").append(step.id()).append(": ").append(step.status().remedy());
      }
    }
    return out.toString();
  }

  /**
   * When to look again with no event: never for the tap, whose losses all come with an event; for
   * the tunnel, every keepalive period, since a VM that went quiet (Resource Saver, a VM restart
   * without a Docker event) says nothing.
   */
  private Instant quietCheckAfter() {
    return tunnel() ? clock.instant().plusSeconds(dev.hostbridge.core.tunnel.Tunnel.KEEPALIVE) : null;
  }

  private boolean tunnel() {
    return bridge.strategy() == dev.hostbridge.api.BridgeConfig.Strategy.TUNNEL;
  }

  private Instant retry(String condition, BridgeStatus status) {
    Duration wait = backoff.after(failures++);
    become(condition, status);
    return clock.instant().plus(wait);
  }

  /** Records the condition; says it only when it differs from the last one. */
  private void become(String condition, BridgeStatus status) {
    State previous = state;
    state = new State(condition, condition.equals(previous.condition()) ? previous.since() : clock.instant(),
        Optional.ofNullable(status).or(previous::status), Optional.of(clock.instant()));
    if (!condition.equals(previous.condition())) {
      log.accept(condition);
    }
  }

  private void request(String reason) {
    reasons.offer(reason);
  }

  /** Subscribes to Docker's network events; when the stream ends (the daemon went), reconnects with backoff. */
  private void connectDocker() {
    if (closed) {
      return;
    }
    String network = bridge.config().network();
    boolean routeAll = dev.hostbridge.core.steps.BuiltInSteps.routeAll(bridge.config());
    try {
      AutoCloseable events = docker.get().watchNetworks(event -> {
        // The tunnel routes every network, and cares only that one comes or goes (containers
        // joining the host network, its own helpers among them, change no route); the tap serves one.
        // With --route-all the tap routes every network too.
        if (tunnel() || (routeAll && !event.networkName().equals(network))) {
          if (event.action().equals("create") || event.action().equals("destroy")) {
            request("network " + event.networkName() + " " + event.action());
          }
        } else if (event.networkName().equals(network)) {
          request("network " + network + " " + event.action());
        }
      }, () -> {
        log.accept("the Docker engine went away; reconnecting");
        dockerDown = true;
        dockerFailures = 0;
        scheduler.schedule(this::connectDocker, backoff.first().toMillis(), TimeUnit.MILLISECONDS);
      });
      synchronized (subscriptions) {
        subscriptions.add(events);
      }
      if (dockerDown) {
        log.accept("the Docker engine is back");
        dockerDown = false;
        bridge.engineCameBack();
        request("the Docker engine came back");
      }
      dockerFailures = 0;
    } catch (BridgeException e) {
      if (!dockerDown) {
        log.accept("the Docker engine does not answer ([" + e.code() + "]); retrying with backoff up to "
            + backoff.max().toSeconds() + " s");
        dockerDown = true;
      }
      scheduler.schedule(this::connectDocker, backoff.after(dockerFailures++).toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Stops watching; leaves the machine as it is. It does not wait for {@link #run()} to return;
   * that happens after at most one more check.
   */
  @Override
  public void close() {
    closed = true;
    reasons.offer("stop");
    scheduler.shutdownNow();
    synchronized (subscriptions) {
      for (AutoCloseable subscription : subscriptions) {
        try {
          subscription.close();
        } catch (Exception e) {
          // closing for good: nothing left to do about it
        }
      }
      subscriptions.clear();
    }
  }
}
