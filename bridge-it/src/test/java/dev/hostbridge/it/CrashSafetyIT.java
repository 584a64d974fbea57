package dev.hostbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Crash safety, deterministic: install is killed with SIGKILL at every journal boundary of every
 * step it applies (before the begin record, after it, after the change, after the commit) and
 * inside the shim's installation (after the original's rename, before the shim is written). After
 * each kill, install converges, and uninstall restores the launcher byte for byte and leaves no
 * address, network, device, VM NIC or helper container behind.
 */
class CrashSafetyIT {

  static final List<String> STEPS = List.of("tap-ownership", "launcher-shim", "docker-restart", "vm-link", "docker-network",
      "host-address");
  static final List<String> BOUNDARIES = List.of("before-begin", "after-begin", "after-change", "after-commit");

  @Test
  void installKilledAtEveryBoundaryConvergesAndUninstallLeavesNothing() throws Exception {
    Requirements.root();
    Requirements.docker();
    TestImage.ensure();
    List<String> points = new ArrayList<>();
    for (String step : STEPS) {
      for (String boundary : BOUNDARIES) {
        points.add(step + ":" + boundary);
      }
    }
    points.add(2 * BOUNDARIES.size() - 2, "launcher-shim:after-rename");
    List<String> covered = new ArrayList<>();
    try (Lab lab = new Lab("crash", 4)) {
      lab.startDocker();
      for (String point : points) {
        Processes.Result killed = lab.hostBridge(Map.of("HOST_BRIDGE_JAVA_OPTS",
            "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dhostbridge.test.kill-at=" + point), "install", "--yes");
        assertEquals(137, killed.exitCode(), point + ": killed there\n" + killed.stdout() + killed.stderr());
        covered.add(point);

        Processes.Result again = lab.hostBridge("install", "--yes");
        assertEquals(0, again.exitCode(), point + ": install converges after the kill\n" + again.stdout() + again.stderr()
            + lab.vmLog());
        assertTrue(lab.status().get("complete").asBoolean(), point + ": every step satisfied");
        assertTrue(lab.hostAddresses().contains("inet " + lab.gateway + "/24"), point);

        Processes.Result uninstall = lab.hostBridge("uninstall", "--yes");
        assertEquals(0, uninstall.exitCode(), point + ": uninstall\n" + uninstall.stdout() + uninstall.stderr());
        lab.assertLauncherIsOriginal();
        assertFalse(Files.exists(lab.launcher.resolveSibling(lab.launcher.getFileName() + ".real")), point + ": no .real left");
        assertFalse(lab.networkExists(), point + ": the network is gone");
        assertFalse(lab.hostLinks().contains("tap1"), point + ": the device is gone");
        assertEquals("", Processes.run(List.of("docker", "ps", "-aq", "--filter", "label=dev.hostbridge.helper")).stdout().trim(),
            point + ": no helper container");
        assertTrue(lab.status().get("journal").isEmpty(), point + ": the journal is empty");
      }
    }
    System.out.println("crash safety: " + covered.size() + " kill points covered: " + covered);
    assertEquals(STEPS.size() * BOUNDARIES.size() + 1, covered.size());
  }
}
