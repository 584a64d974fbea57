package dev.hostbridge.it;

import java.util.List;

/**
 * This machine's Docker engine (the lab's VM), stopped and started by the outage tests as Docker
 * Desktop's VM does on a restart or Resource Saver: by its pid file, the way .ci/run started it.
 * The commands are also given as shell text, for a test point to run inside a host-bridge process.
 */
final class Dockerd {

  static final String LOG = "/tmp/host-bridge-ci-dockerd.log";

  /** Stops the engine and waits (up to 30 s) until its process is gone. */
  static final String STOP = "pid=$(cat /var/run/docker.pid) && kill \"$pid\" && i=0 &&"
      + " while kill -0 \"$pid\" 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done && ! kill -0 \"$pid\" 2>/dev/null";

  /**
   * Starts the engine and waits (up to 60 s) until it answers. It starts in the mount and network
   * namespaces of this test's JVM, also when run from a process in the lab's namespace for the Mac
   * ({@code ip netns exec} mounts a /sys of its own, where dockerd finds no cgroups).
   */
  static final String START = "rm -f /var/run/docker.pid; nsenter -t " + ProcessHandle.current().pid() + " -m -n -- setsid nohup dockerd >>"
      + LOG + " 2>&1 </dev/null & i=0; until docker info >/dev/null 2>&1 || [ $i -ge 600 ]; do sleep 0.1; i=$((i + 1)); done";

  private Dockerd() {}

  /** Stops the engine; fails unless it is gone (no pid file, or it outlived the wait). */
  static void stop() throws Exception {
    Processes.run(List.of("sh", "-c", STOP)).expectSuccess();
    if (Processes.run(List.of("docker", "info")).exitCode() == 0) {
      throw new AssertionError("dockerd still answers after it was stopped");
    }
  }

  /** Starts the engine unless it answers already; fails when it does not come up. */
  static void ensureRunning() throws Exception {
    if (Processes.run(List.of("docker", "info")).exitCode() == 0) {
      return;
    }
    Processes.run(List.of("sh", "-c", START));
    if (Processes.run(List.of("docker", "info")).exitCode() != 0) {
      throw new AssertionError("dockerd did not come back; see " + LOG);
    }
  }
}
