package dev.hostbridge.cli;

import dev.hostbridge.api.BridgeEvent;
import dev.hostbridge.core.HostBridge;
import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One line per step as it runs (checking, applying, done, skipped, reverted), on standard error so
 * that standard output keeps only the result. On a terminal the current step's line is redrawn in
 * place with the time it has taken; piped, every line is printed once and nothing is redrawn.
 */
final class Progress implements AutoCloseable {

  /** A step that takes longer than this shows its elapsed time. */
  private static final long SHOW_ELAPSED_AFTER_MS = 2000;

  private final PrintWriter err;
  private final boolean live;
  private final LongSupplier millis;
  private ScheduledExecutorService ticker;
  private String current = "";
  private long currentSince;
  private boolean lineOpen;

  Progress(PrintWriter err, boolean live, LongSupplier millis) {
    this.err = err;
    this.live = live;
    this.millis = millis;
  }

  HostBridge.Builder listen(HostBridge.Builder builder) {
    return builder
        .addListener(BridgeEvent.StepChecking.class, e -> ongoing("checking  " + e.stepId()))
        .addListener(BridgeEvent.StepChecked.class, e -> settle())
        .addListener(BridgeEvent.StepStarted.class, e -> ongoing("applying  " + e.stepId() + ": " + e.description()))
        .addListener(BridgeEvent.StepProgress.class, e -> lasting("          " + e.stepId() + ": " + e.message(), false))
        .addListener(BridgeEvent.StepApplied.class, e -> lasting("applied   " + e.stepId() + elapsed(), true))
        .addListener(BridgeEvent.StepSkipped.class, e -> lasting("skipped   " + e.stepId() + ": "
            + (e.status().reason().isEmpty() ? e.status().state().name().toLowerCase(java.util.Locale.ROOT) : e.status().reason()), true))
        .addListener(BridgeEvent.StepFailed.class, e -> lasting("FAILED    " + e.stepId() + ": " + e.error().getMessage(), true))
        .addListener(BridgeEvent.StepReverted.class, e -> lasting("reverted  " + e.stepId(), true))
        .addListener(BridgeEvent.RevertFailed.class, e -> lasting("NOT UNDONE " + e.stepId() + ": " + e.error().getMessage(), true));
  }

  /** A line that stands for what is going on now: redrawn on a terminal, printed once when piped. */
  private synchronized void ongoing(String text) {
    current = text;
    currentSince = millis.getAsLong();
    if (live) {
      draw(text);
      startTicker();
    } else {
      err.println(text);
      err.flush();
    }
  }

  /** A line that stays. {@code ends} when it closes the current step. */
  private synchronized void lasting(String text, boolean ends) {
    clearLine();
    err.println(text);
    err.flush();
    if (ends) {
      current = "";
    } else if (live && !current.isEmpty()) {
      draw(current);
    }
  }

  /** A probe answered: its line goes (the plan shows the answer). */
  private synchronized void settle() {
    current = "";
    clearLine();
  }

  /** Clears the redrawn line, so that other output starts on a clean line. */
  synchronized void clearLine() {
    if (lineOpen) {
      err.print("\r\033[K");
      err.flush();
      lineOpen = false;
    }
  }

  private String elapsed() {
    long took = millis.getAsLong() - currentSince;
    return took >= SHOW_ELAPSED_AFTER_MS ? String.format(" (%d s)", took / 1000) : "";
  }

  private void draw(String text) {
    err.print("\r\033[K" + text + elapsed());
    err.flush();
    lineOpen = true;
  }

  private void startTicker() {
    if (ticker == null) {
      ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "host-bridge-progress");
        thread.setDaemon(true);
        return thread;
      });
      ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }
  }

  private synchronized void tick() {
    if (!current.isEmpty() && lineOpen) {
      draw(current);
    }
  }

  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.shutdownNow();
      ticker = null;
    }
    clearLine();
  }
}
