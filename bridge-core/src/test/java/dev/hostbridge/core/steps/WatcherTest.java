package dev.hostbridge.core.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.core.HostBridge;
import dev.hostbridge.core.Watcher;
import dev.hostbridge.core.internal.Seams;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher on the in-memory Mac: it heals after a VM restart by itself, and never uninstalls. */
class WatcherTest {

  @TempDir Path root;
  FakeMachine machine;
  final List<String> log = new CopyOnWriteArrayList<>();
  Watcher watcher;
  Thread thread;
  volatile Throwable died;

  @BeforeEach
  void install() throws Exception {
    machine = new FakeMachine(root);
    machine.settings.put(ConfigKey.SUBNET, "10.0.75.0/24");
    machine.settings.put(ConfigKey.GATEWAY, "10.0.75.1");
    machine.settings.put(ConfigKey.LAUNCHER, machine.launcher.toString());
    machine.settings.put(ConfigKey.RESTART_COMMAND, "true");
    machine.bridge().install();
  }

  @AfterEach
  void stop() throws Exception {
    if (watcher != null) {
      watcher.close();
      thread.join(5000);
    }
  }

  void start(HostBridge bridge) {
    watcher = bridge.watcher(log::add, new Watcher.Backoff(Duration.ofMillis(20), Duration.ofMillis(200)));
    thread = new Thread(() -> {
      try {
        watcher.run();
      } catch (Throwable e) {
        died = e;
      }
    });
    thread.start();
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
      Thread.sleep(10);
    }
  }

  boolean hostHasTheAddress() {
    var tap = machine.platform.interfaces.get("tap1");
    return tap != null && tap.has(Ipv4Cidr.parse("10.0.75.1/24")) && tap.up();
  }

  @Test
  void aVmRestartIsHealedWithoutAnyCommand() throws Exception {
    start(machine.bridge());
    await(() -> watcher.state().condition().startsWith("healthy"), "the first check");
    machine.bootVm(); // the VM restarts: a new tap without an address, the VM's NIC down
    assertFalse(hostHasTheAddress());
    machine.platform.interfaceChanged("tap1");
    await(this::hostHasTheAddress, "the host address back");
    await(() -> machine.docker.vmNics.get("eth1").up(), "the VM's NIC up");
    await(() -> watcher.state().condition().startsWith("healthy: applied"), "healthy again");
    assertTrue(log.stream().anyMatch(l -> l.startsWith("repairing after tap1 changed: vm-link, host-address")), log.toString());
  }

  /** With the tunnel, a network that comes or goes is looked at, whatever its name; containers joining one are not. */
  @Test
  void theTunnelsWatcherLooksAtNetworksComingAndGoingOnly() throws Exception {
    machine.settings.put(ConfigKey.STRATEGY, "tunnel");
    java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();
    dev.hostbridge.api.Step counted = new dev.hostbridge.api.Step() {
      @Override
      public String id() {
        return "counted";
      }

      @Override
      public String description() {
        return "counts its probes";
      }

      @Override
      public boolean isVolatile() {
        return true;
      }

      @Override
      public dev.hostbridge.api.StepStatus check(dev.hostbridge.api.StepContext context) {
        checks.incrementAndGet();
        return dev.hostbridge.api.StepStatus.satisfied("always");
      }

      @Override
      public void apply(dev.hostbridge.api.StepContext context) {}

      @Override
      public void revert(dev.hostbridge.api.StepContext context) {}
    };
    HostBridge bridge = Seams.builtInSteps(Seams.dockerEngine(HostBridge.builder(machine.config()).platform(machine.platform),
        () -> machine.docker).discoverPlugins(false), (c, engine) -> List.of(counted)).build();
    assertEquals(dev.hostbridge.api.BridgeConfig.Strategy.TUNNEL, bridge.strategy());
    start(bridge);
    await(() -> watcher.state().condition().startsWith("healthy") && !machine.docker.watchers.isEmpty(), "the first check");
    int before = checks.get();
    // a helper container of the tunnel's joins the host network: nothing to look at
    machine.docker.watchers.forEach(w -> w.accept(new dev.hostbridge.core.docker.NetworkEvent("connect", "h1", "host")));
    Thread.sleep(300);
    assertEquals(before, checks.get(), "joining a network changes no route");
    machine.docker.watchers.forEach(w -> w.accept(new dev.hostbridge.core.docker.NetworkEvent("create", "n1", "anything")));
    await(() -> checks.get() > before, "a new network, whatever its name, is looked at");
  }

  /** With --route-all the tap's watcher follows every network: a new one gets its route, one that goes loses it. */
  @Test
  void withRouteAllANewNetworkIsRoutedAndAGoneOneUnrouted() throws Exception {
    machine.settings.put(ConfigKey.ROUTE_ALL, "true");
    machine.docker.otherNetworks.add(RouteAllTest.bridge("bridge", "172.17.0.0/16", false));
    machine.bridge().install();
    start(machine.bridge());
    await(() -> watcher.state().condition().startsWith("healthy") && !machine.docker.watchers.isEmpty(), "the first check");
    machine.docker.otherNetworks.add(RouteAllTest.bridge("app", "172.20.0.0/16", false));
    machine.docker.watchers.forEach(w -> w.accept(new dev.hostbridge.core.docker.NetworkEvent("create", "id-app", "app")));
    dev.hostbridge.api.Route app = dev.hostbridge.api.Route.viaGateway(Ipv4Cidr.parse("172.20.0.0/16"), "10.0.75.254");
    await(() -> machine.platform.routes.contains(app), "the new network's route");
    // The fakes are plain lists: they change only once the watcher has finished its look and waits again.
    awaitSettled("172.20.0.0/16");
    machine.docker.otherNetworks.removeIf(n -> n.name().equals("app"));
    machine.docker.watchers.forEach(w -> w.accept(new dev.hostbridge.core.docker.NetworkEvent("destroy", "id-app", "app")));
    await(() -> !machine.platform.routes.contains(app), "the route of the network that went");
    awaitSettled("1 subnet(s)");
    assertEquals(1, machine.platform.routes.size(), machine.platform.routes.toString());
    // A subnet the host routes already: one warning line with the condition, naming both.
    machine.platform.routes.add(dev.hostbridge.api.Route.viaInterface(Ipv4Cidr.parse("10.99.0.0/16"), "tap1"));
    machine.docker.otherNetworks.add(RouteAllTest.bridge("vpnish", "10.99.3.0/24", false));
    machine.docker.watchers.forEach(w -> w.accept(new dev.hostbridge.core.docker.NetworkEvent("create", "id-vpnish", "vpnish")));
    await(() -> log.stream().anyMatch(l -> l.contains("warning: host-routes") && l.contains("10.99.3.0/24 (the host routes 10.99.0.0/16 dev tap1)")),
        "the warning: " + log);
  }

  /** Until the watcher's last look, made after its repair, found host-routes satisfied with {@code routed} in its reason. */
  void awaitSettled(String routed) throws InterruptedException {
    await(() -> watcher.state().status().flatMap(status -> status.plan().steps().stream()
        .filter(step -> step.id().equals(dev.hostbridge.api.StepIds.HOST_ROUTES)).findFirst())
        .map(step -> step.status().is(dev.hostbridge.api.StepStatus.State.SATISFIED) && step.status().reason().contains(routed))
        .orElse(false), "the watcher to settle with " + routed);
  }

  @Test
  void changesOfOtherInterfacesAreNotLookedAt() throws Exception {
    start(machine.bridge());
    await(() -> watcher.state().condition().startsWith("healthy"), "the first check");
    var checked = watcher.state().checkedAt();
    machine.platform.interfaceChanged("veth1234");
    Thread.sleep(300);
    assertEquals(checked, watcher.state().checkedAt(), "no probe for an interface that is not ours");
  }

  @Test
  void dockerDownIsRetriedWithBackoffAndSaidOnce() throws Exception {
    start(machine.bridge());
    await(() -> watcher.state().condition().startsWith("healthy"), "the first check");
    machine.docker.reachable = false;
    machine.bootVm();
    machine.platform.interfaceChanged("tap1");
    await(() -> watcher.state().condition().startsWith("waiting"), "waiting for Docker");
    Thread.sleep(500); // several retries
    long waitingLines = log.stream().filter(l -> l.startsWith("waiting")).count();
    assertEquals(1, waitingLines, "one line per change of condition: " + log);
    machine.docker.reachable = true;
    await(this::hostHasTheAddress, "healed once Docker answers");
  }

  @Test
  void stoppingLeavesTheMachineInstalled() throws Exception {
    start(machine.bridge());
    await(() -> watcher.state().condition().startsWith("healthy"), "the first check");
    watcher.close();
    thread.join(5000);
    assertFalse(thread.isAlive());
    assertTrue(hostHasTheAddress());
    assertFalse(machine.bridge().journal().isEmpty(), "nothing was undone");
    assertTrue(machine.platform.watchers.isEmpty(), "it stopped watching");
  }

  @Test
  void aJournalOfAnotherNetworkStopsItAtOnce() throws Exception {
    machine.settings.put(ConfigKey.NETWORK, "other");
    HostBridge other = machine.bridge();
    Watcher refused = other.watcher(log::add, Watcher.Backoff.standard());
    BridgeException e = assertThrows(BridgeException.class, refused::run);
    assertEquals(BridgeException.Kind.USER, e.kind(), e.getMessage());
    refused.close();
  }

  @Test
  void aStepThatIsNotVolatileIsLeftToInstallNeverRestartingDockerItself() throws Exception {
    start(machine.bridge());
    await(() -> watcher.state().condition().startsWith("healthy"), "the first check");
    int restarts = machine.platform.restarts;
    // The VM is booting: the tap is there, the VM's NIC is not yet, so docker-restart looks PENDING.
    machine.platform.interfaces.remove("tap1");
    machine.platform.addInterface("tap1", "aa:bb:cc:00:00:01");
    machine.docker.vmNics.remove("eth1");
    machine.platform.interfaceChanged("tap1");
    // vm-link cannot be applied until the VM's NIC exists: the watcher fails it and tries again later.
    await(() -> !watcher.state().condition().startsWith("healthy"), "the watcher to notice");
    Thread.sleep(500);
    assertEquals(restarts, machine.platform.restarts, "the watcher never restarts Docker: " + log);
    assertTrue(log.stream().noneMatch(l -> l.contains("repairing") && l.contains("docker-restart")), log.toString());
    // The VM has booted: its NIC is there, and the watcher finishes the job on its next try.
    machine.docker.vmNics.put("eth1", new dev.hostbridge.core.testing.FakeDockerEngine.VmNic(
        TapMac.of(machine.config()), false));
    await(this::hostHasTheAddress, "the host address back once the VM has booted");
  }
}
