package dev.hostbridge.core.steps;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.core.docker.DockerEndpoint;
import dev.hostbridge.core.docker.EndpointProbe;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/** Waits, with a deadline and progress reports, until the Docker daemon answers again. */
public final class DaemonWaiter {

  private final EndpointProbe probe;
  private final Duration timeout;
  private final Duration interval;

  public DaemonWaiter(EndpointProbe probe, Duration timeout, Duration interval) {
    this.probe = probe;
    this.timeout = timeout;
    this.interval = interval;
  }

  public void await(DockerEndpoint endpoint, Consumer<String> progress) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    long nextReport = start + Duration.ofSeconds(5).toNanos();
    Optional<String> problem = probe.problem(endpoint);
    while (problem.isPresent()) {
      long now = System.nanoTime();
      if (now > deadline) {
        throw new BridgeException(ErrorCode.DOCKER_RESTART_TIMEOUT, "the Docker daemon did not answer within " + timeout.toSeconds() + " s of the restart (" + problem.get() + ")",
            "Check that Docker started (its window or logs), then run host-bridge install again.");
      }
      if (now > nextReport) {
        progress.accept("waiting for the Docker daemon, " + Duration.ofNanos(now - start).toSeconds() + " s");
        nextReport = now + Duration.ofSeconds(5).toNanos();
      }
      sleep(interval);
      problem = probe.problem(endpoint);
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BridgeException(ErrorCode.INTERRUPTED, "interrupted while waiting", "");
    }
  }
}
