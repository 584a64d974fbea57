package dev.hostbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.core.docker.DockerEndpoint;
import dev.hostbridge.core.docker.DockerJavaEngine;
import dev.hostbridge.core.docker.DockerNetwork;
import dev.hostbridge.core.docker.HelperRun;
import dev.hostbridge.core.docker.NetworkSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Docker access layer against the machine's real engine. */
class DockerEngineIT {

  final String network = "hb-it-" + ProcessHandle.current().pid();
  DockerJavaEngine engine;

  @BeforeEach
  void connect() {
    DockerEndpoint endpoint = Requirements.docker();
    engine = new DockerJavaEngine(endpoint);
  }

  @AfterEach
  void cleanUp() {
    if (engine != null) {
      engine.network(network).ifPresent(n -> engine.removeNetwork(n.id()));
      engine.close();
    }
  }

  @Test
  void reportsTheEngineVersion() {
    assertFalse(engine.info().version().isBlank());
    assertEquals("linux", engine.info().operatingSystem().toLowerCase(java.util.Locale.ROOT).contains("linux") ? "linux" : engine.info().operatingSystem());
  }

  @Test
  void saysWhereItRunsAndItsFirewallBackendAsAutoAndTheTunnelReadThem() throws Exception {
    var host = engine.host();
    assertEquals(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip(), host.name(),
        "the engine here runs on this machine");
    assertEquals(System.getProperty("os.version"), host.kernelVersion());
    // What /info says, read by curl, against what the engine reads: the field or its absence (before Engine 28.2).
    Process curl = new ProcessBuilder("curl", "-s", "--unix-socket", "/var/run/docker.sock", "http://engine/info").start();
    String raw = new String(curl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, curl.waitFor());
    var driver = java.util.regex.Pattern.compile("\"FirewallBackend\":\\{\"Driver\":\"([^\"]*)\"").matcher(raw);
    assertEquals(driver.find() ? java.util.Optional.of(driver.group(1)) : java.util.Optional.empty(), engine.firewallBackend());
  }

  @Test
  void createsInspectsAndRemovesANetworkByExactName() {
    assertTrue(engine.network(network).isEmpty());
    DockerNetwork created = engine.createNetwork(new NetworkSpec(network, "bridge", Map.of(), Map.of("dev.hostbridge.managed", "true"),
        Optional.of(Ipv4Cidr.parse("10.231.0.0/24")), Optional.of(Ipv4Cidr.parse("10.231.0.1/24"))));
    assertEquals(network, created.name());
    assertEquals("bridge", created.driver());
    assertEquals(Optional.of(Ipv4Cidr.parse("10.231.0.0/24")), created.subnet());
    assertEquals(Optional.of(Ipv4Cidr.parse("10.231.0.1/24")), created.gateway());
    assertEquals("true", created.labels().get("dev.hostbridge.managed"));
    // a name that is a prefix of ours is not ours
    assertTrue(engine.network(network.substring(0, network.length() - 1)).isEmpty());
    assertEquals(created.id(), engine.network(network).orElseThrow().id());
    engine.removeNetwork(created.id());
    assertTrue(engine.network(network).isEmpty());
  }

  @Test
  void reportsNetworkEventsAsTheyHappen() throws Exception {
    java.util.concurrent.BlockingQueue<dev.hostbridge.core.docker.NetworkEvent> events = new java.util.concurrent.LinkedBlockingQueue<>();
    try (AutoCloseable watch = engine.watchNetworks(events::add)) {
      Thread.sleep(300); // the subscription is in place before the change
      DockerNetwork created = engine.createNetwork(new NetworkSpec(network, "bridge", Map.of(), Map.of(), Optional.empty(), Optional.empty()));
      engine.removeNetwork(created.id());
      List<String> seen = new java.util.ArrayList<>();
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
      while (!seen.contains("destroy " + network) && System.nanoTime() < deadline) {
        dev.hostbridge.core.docker.NetworkEvent event = events.poll(1, java.util.concurrent.TimeUnit.SECONDS);
        if (event != null && event.networkId().equals(created.id())) {
          seen.add(event.action() + " " + event.networkName());
        }
      }
      assertEquals(List.of("create " + network, "destroy " + network), seen);
    }
  }

  @Test
  void runsAHelperInTheEnginesNetworkWithOnlyNetAdmin() throws Exception {
    String image = TestImage.ensure();
    assertTrue(engine.hasImage(image));
    assertFalse(engine.hasImage("hostbridge-test/none:0"));
    HelperRun.Result result = engine.runHelper(new HelperRun(image,
        List.of("sh", "-c", "ip link set lo mtu 65536 && ip -o link show lo && echo caps-ok"), true, List.of("NET_ADMIN")));
    assertEquals(0, result.exitCode(), result.output());
    assertTrue(result.output().contains("caps-ok"), result.output());
    assertTrue(result.output().contains("lo"), result.output());
  }

  @Test
  void aHelperThatFailsReportsItsExitCode() throws Exception {
    HelperRun.Result result = engine.runHelper(new HelperRun(TestImage.ensure(), List.of("sh", "-c", "echo nope >&2; exit 7"), false, List.of()));
    assertEquals(7, result.exitCode());
    assertTrue(result.output().contains("nope"), result.output());
  }

  /** There is no registry here, as on an offline machine: the pull fails, and says what to do instead. */
  @Test
  void aPullThatCannotReachTheRegistryNamesTheImageAndTheWayAround() {
    dev.hostbridge.api.BridgeException e = org.junit.jupiter.api.Assertions.assertThrows(
        dev.hostbridge.api.BridgeException.class, () -> engine.pull("hostbridge-test/not-anywhere:0"));
    assertEquals("docker.pull-failed", e.code());
    assertEquals(dev.hostbridge.api.BridgeException.Kind.PREREQUISITE, e.kind(), "not 'Docker unreachable'");
    assertTrue(e.getMessage().contains("hostbridge-test/not-anywhere:0"), e.getMessage());
    assertTrue(e.remedy().contains("--helper-image"), e.remedy());
  }

  /** The helpers in the engine, as "id owner state" lines. */
  static List<String> helpers() throws Exception {
    String out = Processes.run(List.of("docker", "ps", "-a", "--filter", "label=dev.hostbridge.helper=true",
        "--format", "{{.ID}} {{.Label \"dev.hostbridge.owner\"}} {{.State}}")).expectSuccess().stdout();
    return out.lines().filter(l -> !l.isBlank()).toList();
  }

  /**
   * A run killed while its helper runs cannot remove the helper; the next run that uses a helper
   * removes it, and leaves alone the helper of a process that is still alive.
   */
  @Test
  void aHelperLeftByAKilledRunIsRemovedByTheNextOne() throws Exception {
    String image = TestImage.ensure();
    removeHelpersLeftByEarlierRuns();
    String mine = dev.hostbridge.core.docker.HelperOwner.current().label();
    String kept = Processes.run(List.of("docker", "run", "-d", "--label", "dev.hostbridge.helper=true",
        "--label", "dev.hostbridge.owner=" + mine, image, "sleep", "120")).expectSuccess().stdout().trim();
    Process holder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
        System.getProperty("java.class.path"), HelperHolder.class.getName(), engine.endpoint().uri().toString(), image)
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String prefix = holder.pid() + "/";
    try {
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
      while (helpers().stream().noneMatch(l -> l.contains(" " + prefix) && l.endsWith("running"))) {
        assertTrue(System.nanoTime() < deadline, "the holder's helper never ran: " + helpers());
        Thread.sleep(200);
      }
    } finally {
      holder.destroyForcibly().waitFor(); // SIGKILL: no finally block of the holder runs
    }
    assertTrue(helpers().stream().anyMatch(l -> l.contains(" " + prefix)), "killed, its helper stays: " + helpers());

    HelperRun.Result next = engine.runHelper(new HelperRun(image, List.of("true"), false, List.of()));
    assertEquals(0, next.exitCode());
    List<String> left = helpers();
    assertTrue(left.stream().noneMatch(l -> l.contains(" " + prefix)), "the orphan is gone: " + left);
    assertTrue(left.stream().anyMatch(l -> l.startsWith(kept.substring(0, 12))), "a live owner's helper stays: " + left);
    Processes.run(List.of("docker", "rm", "-f", kept)).expectSuccess();
  }

  /** So that the test starts clean whatever an earlier, interrupted run of it left. */
  static void removeHelpersLeftByEarlierRuns() throws Exception {
    for (String line : helpers()) {
      Processes.run(List.of("docker", "rm", "-f", line.split(" ")[0]));
    }
  }
}
