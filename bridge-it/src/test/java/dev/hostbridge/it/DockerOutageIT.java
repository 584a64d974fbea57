package dev.hostbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Docker engine stopped in the middle of an install, for real: this machine's dockerd (the
 * lab's VM) is stopped from inside the run at a test point (see TestPoint): while the helper
 * container of a step's change runs, and while the restart waits for the engine (which then comes
 * back by itself). Each run finishes, or rolls back what it applied and says what is left and how
 * the next run deals with it; with the engine back, the next install converges and uninstall leaves
 * nothing. (Not stopped once the network exists: the lab's engine, Docker 20.10, then fails to
 * restore the macvlan network at its start, and deleting it leaves a record in the engine's store
 * that refuses the next network on that parent, for every later test on this machine.)
 */
class DockerOutageIT {

  @AfterEach
  void engineIsBack() throws Exception {
    Dockerd.ensureRunning();
  }

  /** The JVM options that run {@code script} (a file: the options are split at spaces) at {@code point}. */
  static Map<String, String> runAt(String point, Path script) {
    return Map.of("HOST_BRIDGE_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dhostbridge.test.run-at=" + point
        + " -Dhostbridge.test.run=" + script);
  }

  static Path script(Path dir, String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + text + "\n");
    assertTrue(file.toFile().setExecutable(true));
    return file;
  }

  @Test
  void anInstallWhoseEngineStopsFinishesOrRollsBackAndTheNextInstallConverges() throws Exception {
    Requirements.root();
    Requirements.docker();
    TestImage.ensure();
    try (Lab lab = new Lab("outage", 5)) {
      lab.startDocker();
      Path stop = script(lab.dir, "stop-docker.sh", Dockerd.STOP);
      Path stopAWhile = script(lab.dir, "stop-docker-a-while.sh", Dockerd.STOP + "\n(sleep 5; " + Dockerd.START + ") >/dev/null 2>&1 &");

      // While the helper of vm-link's change runs: that step fails, what the run applied before is
      // rolled back, and the message says so in Docker's words, not Java's.
      Processes.Result cut = lab.hostBridge(runAt("helper:running@vm-link", stop), "install", "--yes");
      assertEquals(4, cut.exitCode(), cut.stdout() + cut.stderr());
      assertTrue(cut.stderr().contains("[docker.unreachable]") && cut.stderr().contains("stopped answering while host-bridge tried to"),
          cut.stderr());
      assertTrue(cut.stderr().contains("step 'vm-link' failed") && cut.stderr().contains("rolled back: docker-restart, launcher-shim"),
          cut.stderr());
      assertFalse(cut.stderr().contains("java.") || cut.stdout().contains("java."), "no Java exception names: " + cut.stdout() + cut.stderr());
      lab.assertLauncherIsOriginal();
      leftIsExplained(cut);
      convergesAndUninstalls(lab, "while vm-link's helper ran");

      // While docker-network's helper runs: with the engine gone the VM's NIC is gone too, so vm-link
      // is undone by itself; what cannot be undone (here the tap device, which the lab's VM holds
      // open) stays in the journal, and the message says how the next run deals with it.
      Processes.Result half = lab.hostBridge(runAt("helper:running@docker-network", stop), "install", "--yes");
      assertEquals(4, half.exitCode(), half.stdout() + half.stderr());
      assertTrue(half.stderr().contains("step 'docker-network' failed")
          && half.stderr().contains("rolled back: vm-link, docker-restart, launcher-shim"), half.stderr());
      assertFalse(half.stderr().contains("java.") || half.stdout().contains("java."), "no Java exception names: " + half.stdout() + half.stderr());
      // (the lab's VM holds the tap device open, so its ownership cannot be undone now: always said here)
      assertTrue(half.stderr().contains("could not undo: step 'tap-ownership'"), half.stderr());
      leftIsExplained(half);
      convergesAndUninstalls(lab, "while docker-network's helper ran");

      // While the restart waits for the engine, which comes back 5 s later: the install finishes.
      Processes.Result waited = lab.hostBridge(runAt("docker-restart:after-begin", stopAWhile), "install", "--yes");
      assertEquals(0, waited.exitCode(), waited.stdout() + waited.stderr() + lab.vmLog());
      convergesAndUninstalls(lab, "while the restart waited");
    }
  }

  /**
   * The engine stopped for a minute under a tunnel's watcher (a VM restart, Resource Saver): the
   * VM side dies with it; the watcher says so once, waits without a flood of lines, and when the
   * engine is back sets the VM side up again by itself, so the container answers again.
   */
  @Test
  void aTunnelsWatcherRidesOutTheEngineStoppedForAMinuteAndHealsWithoutAFlood() throws Exception {
    try (TunnelLab lab = new TunnelLab(false)) {
      try {
        ridesOut(lab);
      } finally {
        Dockerd.ensureRunning(); // before the lab goes: taking it down needs the engine
      }
    }
  }

  private static void ridesOut(TunnelLab lab) throws Exception {
    {
      String ip = lab.startWeb(lab.user, "outage");
      Path log = lab.dir.resolve("watch.log");
      Process watch = lab.startWatch(log);
      TunnelLab.awaitLog(log, "healthy", 90);
      assertEquals(TunnelLab.nameOf(lab.user), lab.fetch(ip));

      int before = Files.readAllLines(log).size();
      Dockerd.stop();
      Thread.sleep(60_000);
      List<String> during = Files.readAllLines(log).subList(before, Files.readAllLines(log).size());
      System.out.println("tunnel watcher, engine stopped for 60 s:\n" + String.join("\n", during));
      assertTrue(during.size() <= 4, "a line per change of condition, no flood: " + during);
      assertTrue(during.stream().anyMatch(line -> line.contains("the Docker engine went away")), "the outage is said: " + during);
      assertTrue(watch.isAlive(), "the watcher waits for the engine");

      Dockerd.ensureRunning();
      String again = lab.restartWeb(lab.user, "outage"); // containers stop with the engine
      long start = System.nanoTime();
      TunnelLab.awaitTrue(() -> TunnelLab.nameOf(lab.user).equals(lab.fetchQuietly(again)), 90,
          "the container answers through the tunnel again", log);
      System.out.println("tunnel watcher: answered " + (System.nanoTime() - start) / 1_000_000 + " ms after the container was back");
      watch.destroy();
      assertTrue(watch.waitFor(20, java.util.concurrent.TimeUnit.SECONDS));
      Processes.Result uninstall = lab.hostBridge("uninstall", "--yes");
      assertEquals(0, uninstall.exitCode(), uninstall.stdout() + uninstall.stderr());
      TunnelLabIT.assertNothingLeft(lab, "after the outage: ");
    }
  }

  /** A run that could not undo everything says that the journal keeps it, and what the next run does. */
  static void leftIsExplained(Processes.Result run) {
    if (run.stderr().contains("could not undo")) {
      assertTrue(run.stderr().contains("stays in the journal") && run.stderr().contains("'host-bridge install' finishes"), run.stderr());
    }
  }

  /** With the engine back, install converges, and uninstall then leaves nothing. */
  static void convergesAndUninstalls(Lab lab, String when) throws Exception {
    Dockerd.ensureRunning();
    lab.startDocker();
    Processes.Result again = lab.hostBridge("install", "--yes");
    assertEquals(0, again.exitCode(), when + ": install converges with the engine back\n" + again.stdout() + again.stderr()
        + lab.vmLog());
    assertTrue(lab.status().get("complete").asBoolean(), when + ": every step satisfied");
    Processes.Result uninstall = lab.hostBridge("uninstall", "--yes");
    assertEquals(0, uninstall.exitCode(), when + ": uninstall\n" + uninstall.stdout() + uninstall.stderr());
    lab.assertLauncherIsOriginal();
    assertFalse(lab.networkExists(), when + ": the network is gone");
    assertEquals("", Processes.run(List.of("docker", "ps", "-aq", "--filter", "label=dev.hostbridge.helper")).stdout().trim(),
        when + ": no helper container");
    assertTrue(lab.status().get("journal").isEmpty(), when + ": the journal is empty");
  }
}
