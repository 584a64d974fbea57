package dev.hostbridge.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The watcher measured in the lab, whole-process: how soon the host address is back after the tap
 * interface reappears (over repeated VM restarts), how much CPU an idle watcher uses, and its peak
 * resident memory. It reports figures and asserts none: scripts/bench-watch.sh runs it
 * ({@code -Dhostbridge.bench=true}); the ordinary suite skips it.
 */
class WatchBenchmark {

  static final int RESTARTS = Integer.getInteger("hostbridge.bench.restarts", 20);
  static final int IDLE_SECONDS = Integer.getInteger("hostbridge.bench.idle", 60);

  @Test
  void measure() throws Exception {
    assumeTrue(Boolean.getBoolean("hostbridge.bench"), "a benchmark: run scripts/bench-watch.sh");
    Requirements.root();
    Requirements.docker();
    TestImage.ensure();
    try (Lab lab = new Lab("bench", 3)) {
      lab.startDocker();
      lab.hostBridge("install", "--yes").expectSuccess();
      Path log = lab.dir.resolve("watch.log");
      Process watch = lab.startHostBridge(log, "watch");
      long pid = watch.pid();
      try {
        LabIT.awaitTrue(() -> Files.readString(log).contains("healthy"), 60, "the watcher's first check", log);
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < RESTARTS; i++) {
          lab.restartDocker();
          // From the moment the tap is back (without its address) to the moment the address is on it.
          long appeared = awaitNanos(() -> lab.inHost("ip", "-o", "link", "show", "tap1").exitCode() == 0
              && !lab.hostAddresses().contains(" tap1 "), 30);
          long healed = awaitNanos(() -> lab.hostAddresses().contains("inet " + lab.gateway + "/24"), 30);
          latencies.add((healed - appeared) / 1e9);
          LabIT.awaitTrue(() -> lab.status().path("watcher").path("condition").asText().startsWith("healthy"), 60,
              "the watcher settled", log);
        }
        long ticksBefore = cpuTicks(pid);
        Thread.sleep(IDLE_SECONDS * 1000L);
        long idleTicks = cpuTicks(pid) - ticksBefore;
        long peakKb = peakRssKb(pid);
        Collections.sort(latencies);
        System.out.printf("bench: heal latency over %d VM restarts: p50 %.3f s, p95 %.3f s, max %.3f s%n", RESTARTS,
            percentile(latencies, 50), percentile(latencies, 95), latencies.get(latencies.size() - 1));
        System.out.printf("bench: idle watcher over %d s: %d CPU ticks (1 tick = 10 ms)%n", IDLE_SECONDS, idleTicks);
        System.out.printf("bench: peak resident memory (VmHWM): %.1f MB%n", peakKb / 1024.0);
        System.out.printf("bench: JVM options: %s%n", System.getenv().getOrDefault("HOST_BRIDGE_JAVA_OPTS", "(bin/host-bridge's own)"));
      } finally {
        watch.destroy();
        watch.waitFor();
      }
    }
  }

  interface Condition {
    boolean holds() throws Exception;
  }

  static long awaitNanos(Condition condition, int seconds) throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out");
      }
      Thread.sleep(5);
    }
    return System.nanoTime();
  }

  static double percentile(List<Double> sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(rank, sorted.size() - 1)));
  }

  /** utime + stime of /proc/PID/stat (fields 14 and 15), in clock ticks. */
  static long cpuTicks(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  static long peakRssKb(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }
}
