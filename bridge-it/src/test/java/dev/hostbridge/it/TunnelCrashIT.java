package dev.hostbridge.it;

import static dev.hostbridge.it.TunnelLab.awaitLog;
import static dev.hostbridge.it.TunnelLab.nameOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Crash safety of the tunnel, deterministic: the watcher, which applies the tunnel's steps, is
 * killed with SIGKILL at every journal boundary of each (before the begin record, after it, after
 * the change, after the commit). After each kill a watcher started again converges (a container
 * answers the host through the tunnel), and after it stops, uninstall leaves no interface, route,
 * rule, helper container or key behind. ({@code tunnel-image} applies nothing when
 * {@code --tunnel-image} names the image, as the lab does: it has no boundary to kill at.)
 */
class TunnelCrashIT {

  static final List<String> STEPS = List.of("tunnel-key", "tunnel-host", "tunnel-vm", "tunnel-routes");
  static final List<String> BOUNDARIES = List.of("before-begin", "after-begin", "after-change", "after-commit");

  @Test
  void theWatcherKilledAtEveryBoundaryConvergesAndUninstallLeavesNothing() throws Exception {
    List<String> covered = new ArrayList<>();
    try (TunnelLab lab = new TunnelLab()) {
      String web = lab.startWeb(lab.user, "crash");
      for (String step : STEPS) {
        for (String boundary : BOUNDARIES) {
          String point = step + ":" + boundary;
          Path killedLog = lab.dir.resolve("killed-" + step + "-" + boundary + ".log");
          Process killed = lab.startWatch(killedLog, Map.of("HOST_BRIDGE_JAVA_OPTS",
              "-XX:+UseSerialGC -Dhostbridge.test.kill-at=" + point));
          assertTrue(killed.waitFor(120, TimeUnit.SECONDS), point + ": the watcher reached the point\n"
              + java.nio.file.Files.readString(killedLog));
          assertEquals(137, killed.exitValue(), point + ": killed there\n" + java.nio.file.Files.readString(killedLog));
          covered.add(point);

          Path log = lab.dir.resolve("after-" + step + "-" + boundary + ".log");
          Process watch = lab.startWatch(log);
          awaitLog(log, "healthy", 120);
          assertEquals(nameOf(lab.user), lab.fetch(web), point + ": the tunnel works after the kill");
          watch.destroy();
          assertTrue(watch.waitFor(20, TimeUnit.SECONDS), point + ": the watcher stops on SIGTERM");

          Processes.Result uninstall = lab.hostBridge("uninstall", "--yes");
          assertEquals(0, uninstall.exitCode(), point + ": uninstall\n" + uninstall.stdout() + uninstall.stderr());
          TunnelLabIT.assertNothingLeft(lab, point + ": ");
          Processes.Result status = lab.hostBridge("status", "--json");
          assertTrue(new com.fasterxml.jackson.databind.ObjectMapper().readTree(status.stdout()).path("journal").isEmpty(),
              point + ": the journal is empty\n" + status.stdout());
        }
      }
    }
    System.out.println("tunnel crash safety: " + covered.size() + " kill points covered: " + covered);
    assertEquals(STEPS.size() * BOUNDARIES.size(), covered.size());
  }
}
