package dev.hostbridge.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole flow for real: the host-bridge command in a namespace standing for the Mac, this
 * machine's Docker engine standing for the VM, the real shim executed by the real shell, and a
 * container answering HTTP by its IP address. The scenarios build on each other, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabIT {

  static final String WEB = "hblab-web-" + ProcessHandle.current().pid();
  Lab lab;
  String webIp;

  @BeforeAll
  void startLab() throws Exception {
    Requirements.root();
    Requirements.docker();
    TestImage.ensure();
    lab = new Lab("flow", 1);
    webIp = "10.77.1.10";
    lab.startDocker();
  }

  @AfterAll
  void closeLab() throws Exception {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  @Order(1)
  void freshInstallMakesAContainerReachableByItsAddress() throws Exception {
    Processes.Result install = lab.hostBridge("install", "--yes");
    assertEquals(0, install.exitCode(), install.stdout() + install.stderr() + lab.vmLog());
    assertTrue(install.stdout().contains("install: done, 6 step(s) applied"), install.stdout());

    Map<String, String> states = lab.stepStates();
    assertEquals(List.of("tuntap-driver", "tap-ownership", "launcher-shim", "docker-restart", "vm-link", "docker-network",
        "host-address"), new ArrayList<>(states.keySet()));
    assertTrue(states.values().stream().allMatch("SATISFIED"::equals), states.toString());

    List<String> argv = lab.launcherArgv();
    assertEquals(Lab.DOCKER_ARGV.size() + 2, argv.size(), "exactly one -s added: " + argv);
    assertTrue(argv.stream().anyMatch(a -> a.matches("5:0,virtio-tap,tap1,mac=[0-9a-f:]{17}")), argv.toString());
    assertTrue(lab.hostAddresses().contains("inet " + lab.gateway + "/24"), lab.hostAddresses());

    lab.runWebServer(WEB, webIp);
    Processes.Result fetched = lab.fetch(webIp);
    assertEquals(0, fetched.exitCode(), fetched.stderr() + lab.vmLog());
    assertEquals("hello-from-" + WEB, fetched.stdout().trim());
  }

  @Test
  @Order(2)
  void installAgainChangesNothing() throws Exception {
    byte[] journal = Files.readAllBytes(lab.stateDir.resolve("journal"));
    byte[] shim = Files.readAllBytes(lab.launcher);
    Processes.Result again = lab.hostBridge("install", "--yes").expectSuccess();
    assertTrue(again.stdout().contains("nothing to do, every step is satisfied"), again.stdout());
    assertArrayEquals(journal, Files.readAllBytes(lab.stateDir.resolve("journal")));
    assertArrayEquals(shim, Files.readAllBytes(lab.launcher));
    assertTrue(lab.status().get("complete").asBoolean());
  }

  @Test
  @Order(3)
  void afterADockerRestartInstallRestoresTheHostAddress() throws Exception {
    lab.restartDocker();
    Thread.sleep(500);
    JsonNode status = lab.status();
    Map<String, String> states = lab.stepStates();
    assertEquals("PENDING", states.get("host-address"), states.toString());
    assertEquals("PENDING", states.get("vm-link"), states.toString());
    assertEquals("SATISFIED", states.get("launcher-shim"), states.toString());
    assertTrue(status.get("hostAddress").isNull(), status.toString());
    assertNotEquals(0, lab.fetch(webIp).exitCode(), "the link dropped");

    Processes.Result install = lab.hostBridge("install", "--yes").expectSuccess();
    assertTrue(install.stdout().contains("install: done, 2 step(s) applied"), install.stdout());
    // A VM restart restarts its containers; here the engine kept running, so the test does it.
    Processes.run(List.of("docker", "restart", WEB)).expectSuccess();
    Processes.Result fetched = lab.fetch(webIp);
    assertEquals("hello-from-" + WEB, fetched.stdout().trim(), fetched.stderr());
  }

  /**
   * The watcher heals a VM restart by itself: the tap comes back without its address, and the
   * address is back without any command; status is answered by the watcher meanwhile; stopping
   * the watcher leaves the machine installed.
   */
  @Test
  @Order(4)
  void watchHealsAVmRestartWithoutAnyCommand() throws Exception {
    java.nio.file.Path log = lab.dir.resolve("watch.log");
    Process watch = lab.startHostBridge(log, "watch");
    try {
      awaitTrue(() -> Files.readString(log).contains("healthy"), 30, "the watcher's first check", log);
      JsonNode status = lab.status();
      assertEquals("watcher", status.get("answeredBy").asText(), status.toString());
      assertTrue(status.get("complete").asBoolean(), status.toString());

      lab.restartDocker(); // the VM restarts: hyperkit closes and reopens the tap
      awaitTrue(() -> lab.hostAddresses().contains("inet " + lab.gateway + "/24"), 30, "the host address back", log);
      awaitTrue(() -> Files.readString(log).contains("healthy: applied"), 30, "healthy again", log);
      Processes.run(List.of("docker", "restart", WEB)).expectSuccess();
      Processes.Result fetched = lab.fetch(webIp);
      assertEquals("hello-from-" + WEB, fetched.stdout().trim(), fetched.stderr() + Files.readString(log));
      assertTrue(Files.readString(log).contains("repairing after tap1 changed"), Files.readString(log));
    } finally {
      watch.destroy(); // SIGTERM
      assertTrue(watch.waitFor(15, java.util.concurrent.TimeUnit.SECONDS), "the watcher ends on SIGTERM");
    }
    assertTrue(lab.hostAddresses().contains("inet " + lab.gateway + "/24"), "stopping it leaves the machine installed");
    assertFalse(Files.exists(lab.stateDir.resolve("watch.sock")), "its control socket is gone");
    assertEquals("probe", lab.status().get("answeredBy").asText(), "status probes by itself again");
  }

  interface Check {
    boolean holds() throws Exception;
  }

  static void awaitTrue(Check check, int seconds, String what, java.nio.file.Path log) throws Exception {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(seconds);
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + "; the watcher said:\n" + Files.readString(log));
      }
      Thread.sleep(100);
    }
  }

  @Test
  @Order(5)
  void uninstallLeavesNothingBehind() throws Exception {
    Processes.Result refused = lab.hostBridge("uninstall", "--yes");
    assertEquals(2, refused.exitCode(), "a network with a container attached is not removed: " + refused.stderr());
    assertTrue(refused.stderr().contains(WEB), refused.stderr());
    assertTrue(lab.networkExists());

    lab.removeContainer(WEB);
    Processes.Result uninstall = lab.hostBridge("uninstall", "--yes");
    assertEquals(0, uninstall.exitCode(), uninstall.stdout() + uninstall.stderr());

    lab.assertLauncherIsOriginal();
    assertFalse(lab.networkExists(), "the network is gone");
    assertFalse(lab.hostLinks().contains("tap1"), "the tap device is released: " + lab.hostLinks());
    Thread.sleep(300);
    assertFalse(Lab.engineHasInterface(Lab.vmNicName()), "the VM's NIC went away with the restart");
    assertFalse(lab.launcherArgv().stream().anyMatch(a -> a.contains("virtio-tap")), "the original launcher runs as Docker started it");
    assertEquals("", Processes.run(List.of("docker", "ps", "-aq", "--filter", "label=dev.hostbridge.helper")).stdout().trim(),
        "no helper containers left");
    assertTrue(lab.hostBridge("status", "--json").expectSuccess().stdout().contains("\"journal\":[]"));
  }
}
