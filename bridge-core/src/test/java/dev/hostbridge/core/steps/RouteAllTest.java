package dev.hostbridge.core.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.PlannedStep;
import dev.hostbridge.api.Route;
import dev.hostbridge.api.StepIds;
import dev.hostbridge.api.StepStatus;
import dev.hostbridge.core.HostBridge;
import dev.hostbridge.core.docker.HelperRun;
import dev.hostbridge.core.docker.RoutableNetwork;
import dev.hostbridge.core.tunnel.VmSideScript;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --route-all} with the tap, on the in-memory Mac: the VM forwards from its tap NIC, the host routes every bridge network. */
class RouteAllTest {

  @TempDir Path root;
  FakeMachine machine;

  static RoutableNetwork bridge(String name, String subnet, boolean internal) {
    Ipv4Cidr cidr = Ipv4Cidr.parse(subnet);
    return new RoutableNetwork("id-" + name, name, "bridge", "local", internal, List.of(cidr), Optional.of("br-" + name),
        Optional.empty(), Set.of(cidr.address() + 1));
  }

  @BeforeEach
  void setUp() throws Exception {
    machine = new FakeMachine(root);
    machine.settings.put(ConfigKey.SUBNET, "10.0.75.0/24");
    machine.settings.put(ConfigKey.GATEWAY, "10.0.75.1");
    machine.settings.put(ConfigKey.LAUNCHER, machine.launcher.toString());
    machine.settings.put(ConfigKey.RESTART_COMMAND, "true");
    machine.settings.put(ConfigKey.ROUTE_ALL, "true");
    machine.docker.otherNetworks.add(bridge("bridge", "172.17.0.0/16", false));
    machine.docker.otherNetworks.add(bridge("app", "172.20.0.0/16", false));
    machine.docker.otherNetworks.add(new RoutableNetwork("id-host", "host", "host", "local", false, List.of(), Optional.empty(),
        Optional.empty()));
    machine.docker.otherNetworks.add(new RoutableNetwork("id-lan", "lan", "macvlan", "local", false,
        List.of(Ipv4Cidr.parse("192.168.7.0/24")), Optional.empty(), Optional.of("eth0")));
  }

  Route via(String subnet, String gateway) {
    return Route.viaGateway(Ipv4Cidr.parse(subnet), gateway);
  }

  List<HelperRun> forwardRuns() {
    return machine.docker.helperRuns.stream().filter(r -> r.command().get(2).equals(VmSideScript.text())).toList();
  }

  @Test
  void withoutTheOptionTheTapHasItsSevenStepsOnly() throws Exception {
    machine.settings.remove(ConfigKey.ROUTE_ALL);
    List<String> ids = machine.bridge().plan().steps().stream().map(PlannedStep::id).toList();
    assertFalse(ids.contains(StepIds.HOST_ROUTES), ids.toString());
    assertEquals(7, ids.size());
  }

  @Test
  void installGivesTheVmAnAddressAndRoutesEveryBridgeNetworkThroughIt() throws Exception {
    HostBridge bridge = machine.bridge();
    List<String> ids = bridge.plan().steps().stream().map(PlannedStep::id).toList();
    assertEquals(List.of(StepIds.ROUTE_IMAGE, StepIds.VM_FORWARD, StepIds.HOST_ROUTES), ids.subList(7, 10));
    bridge.install();

    // The highest address of the tap's subnet: the host has .1, Docker hands addresses out from the bottom.
    assertEquals(List.of(Ipv4Cidr.parse("10.0.75.254/24")), machine.docker.vmNics.get("eth1").addresses());
    HelperRun forward = forwardRuns().get(0);
    assertEquals("forward", forward.environment().get("HB_ACTION"));
    assertEquals("eth1", forward.environment().get("HB_IF"));
    assertEquals("10.0.75.1", forward.environment().get("HB_HOST_ADDRESS"));
    assertEquals(List.of("NET_ADMIN"), forward.addedCapabilities());
    assertTrue(forward.hostNetwork());
    assertTrue(machine.docker.forwardRules.get("eth1").contains("raw PREROUTING -i eth1 -j ACCEPT"));
    // Bridge networks only: not host, not another macvlan network, not the tap's own.
    assertEquals(List.of(via("172.17.0.0/16", "10.0.75.254"), via("172.20.0.0/16", "10.0.75.254")), machine.platform.routes);
    assertTrue(machine.bridge().plan().isComplete());
  }

  @Test
  void theVmsAddressMissesTheGatewayAndEveryContainerOfTheTapNetwork() throws Exception {
    machine.bridge().install();
    machine.docker.containerAddresses.put("tap", Set.of(Ipv4Cidr.parseAddress("10.0.75.254")));
    StepStatus forward = status(StepIds.VM_FORWARD);
    assertEquals(StepStatus.State.PENDING, forward.state(), forward.reason());
    assertTrue(forward.reason().contains("10.0.75.253/24"), forward.reason());
    machine.bridge().install();
    assertEquals(List.of(Ipv4Cidr.parse("10.0.75.253/24")), machine.docker.vmNics.get("eth1").addresses(),
        "the earlier address goes, so that the container has it alone");
    assertEquals(List.of(via("172.17.0.0/16", "10.0.75.253"), via("172.20.0.0/16", "10.0.75.253")), machine.platform.routes,
        "the routes through the old address went as stale ones");
  }

  @Test
  void aSubnetTheHostRoutesAlreadyIsSkippedWithANoteNamingBoth() throws Exception {
    machine.platform.interfaces.put("utun3", new dev.hostbridge.api.InterfaceState("utun3", true,
        List.of(Ipv4Cidr.parse("172.16.0.2/12")), Optional.empty()));
    Route vpn = Route.viaInterface(Ipv4Cidr.parse("172.16.0.0/12"), "utun3");
    machine.platform.routes.add(vpn);
    machine.docker.otherNetworks.add(bridge("other", "10.99.0.0/24", false));
    machine.bridge().install();
    assertEquals(List.of(vpn, via("10.99.0.0/24", "10.0.75.254")), machine.platform.routes, "nothing routed over the VPN's range");
    StepStatus routes = status(StepIds.HOST_ROUTES);
    assertEquals(StepStatus.State.SATISFIED, routes.state());
    assertTrue(routes.remedy().contains("172.17.0.0/16 (the host routes 172.16.0.0/12 dev utun3)"), routes.remedy());
    assertTrue(machine.events.stream().anyMatch(e -> e.toString().contains("warning: not routed")), machine.events.toString());
  }

  @Test
  void aNetworkThatGoesTakesItsRouteAndANewOneGetsOne() throws Exception {
    machine.bridge().install();
    machine.docker.otherNetworks.removeIf(n -> n.name().equals("app"));
    machine.docker.otherNetworks.add(bridge("new", "172.21.0.0/16", false));
    StepStatus routes = status(StepIds.HOST_ROUTES);
    assertEquals(StepStatus.State.PENDING, routes.state());
    assertTrue(routes.reason().contains("[172.21.0.0/16] will be routed") && routes.reason().contains("[172.20.0.0/16]"), routes.reason());
    machine.bridge().installVolatile();
    assertEquals(List.of(via("172.17.0.0/16", "10.0.75.254"), via("172.21.0.0/16", "10.0.75.254")), machine.platform.routes);
  }

  @Test
  void aRouteOfThePersonsThroughTheVmsAddressIsNeitherRemovedNorJournaled() throws Exception {
    machine.bridge().install();
    Route theirs = via("192.168.200.0/24", "10.0.75.254");
    machine.platform.routes.add(theirs);
    assertEquals(StepStatus.State.SATISFIED, status(StepIds.HOST_ROUTES).state());
    machine.bridge().uninstall();
    assertEquals(List.of(), machine.platform.routes.stream().filter(r -> !r.equals(theirs) && r.gateway().isPresent()).toList());
    assertFalse(machine.platform.calls.contains("deleteRoute " + theirs), machine.platform.calls.toString());
  }

  @Test
  void anEngineOnNftablesBlocksTheForwardBeforeAnyChange() throws Exception {
    machine.docker.firewallBackend = Optional.of("nftables");
    StepStatus forward = status(StepIds.VM_FORWARD);
    assertEquals(StepStatus.State.BLOCKED, forward.state());
    assertEquals("tunnel.nftables", forward.code());
  }

  @Test
  void anInternalNetworkIsMasqueradedInto() throws Exception {
    machine.docker.otherNetworks.add(bridge("sealed", "172.22.0.0/16", true));
    machine.bridge().install();
    assertTrue(machine.docker.forwardRules.get("eth1").contains("nat POSTROUTING -s 10.0.75.1 -o br-sealed -j MASQUERADE"),
        machine.docker.forwardRules.toString());
    machine.docker.otherNetworks.removeIf(n -> n.name().equals("sealed"));
    assertEquals(StepStatus.State.PENDING, status(StepIds.VM_FORWARD).state(), "the VM side is set up again for the bridges it masquerades into");
  }

  @Test
  void aVmRestartTakesAddressAndRoutesAndInstallBringsThemBack() throws Exception {
    machine.bridge().install();
    machine.bootVm();
    machine.platform.addInterface("tap1", "aa:bb:cc:00:00:01");
    assertTrue(machine.platform.routes.isEmpty(), "the routes went with the tap's address");
    machine.bridge().installVolatile();
    assertEquals(List.of(Ipv4Cidr.parse("10.0.75.254/24")), machine.docker.vmNics.get("eth1").addresses());
    assertEquals(2, machine.platform.routes.size());
  }

  @Test
  void uninstallTakesTheRoutesTheRulesAndTheAddressAway() throws Exception {
    machine.bridge().install();
    machine.platform.calls.clear();
    machine.bridge().uninstall();
    assertTrue(machine.platform.routes.isEmpty(), machine.platform.routes.toString());
    // Deleted by host-routes itself, before host-address took the address (which would take them too).
    int deleted = machine.platform.calls.indexOf("deleteRoute " + via("172.17.0.0/16", "10.0.75.254"));
    int unaddressed = machine.platform.calls.indexOf("removeAddress tap1 10.0.75.1/24");
    assertTrue(deleted >= 0 && deleted < unaddressed, machine.platform.calls.toString());
    assertFalse(machine.docker.forwardRules.containsKey("eth1"));
    HelperRun last = forwardRuns().get(forwardRuns().size() - 1);
    assertEquals(Map.of("HB_ACTION", "unforward", "HB_IF", "eth1", "HB_ADDRESS", "10.0.75.254/24"), last.environment());
  }

  /** As the journal decides the strategy, it decides --route-all: status and uninstall without the flag see its steps. */
  @Test
  void anInstallationWithRouteAllIsSeenAndUndoneWithoutTheFlag() throws Exception {
    machine.bridge().install();
    machine.settings.remove(ConfigKey.ROUTE_ALL);
    List<String> ids = machine.bridge().plan().steps().stream().map(PlannedStep::id).toList();
    assertTrue(ids.contains(StepIds.HOST_ROUTES), ids.toString());
    machine.bridge().uninstall();
    assertTrue(machine.platform.routes.isEmpty(), machine.platform.routes.toString());
    assertFalse(machine.docker.forwardRules.containsKey("eth1"));
    assertEquals(7, machine.bridge().plan().steps().size(), "once uninstalled, the flag decides again");
  }

  @Test
  void aVmThatDoesNotForwardFailsTheInstallAndLeavesNothing() throws Exception {
    // Installed without the option first, so that the failed run restarts no VM that would hide a leftover.
    machine.settings.remove(ConfigKey.ROUTE_ALL);
    machine.bridge().install();
    machine.settings.put(ConfigKey.ROUTE_ALL, "true");
    machine.docker.vmForwards = false;
    RuntimeException failed = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> machine.bridge().install());
    assertTrue(failed.getMessage().contains("vm-forward"), failed.getMessage());
    assertTrue(machine.platform.routes.isEmpty());
    assertTrue(machine.docker.vmNics.get("eth1").addresses().isEmpty(), "the address given before the failure is taken back");
    assertFalse(machine.docker.forwardRules.containsKey("eth1"));
    assertTrue(machine.bridge().plan().steps().stream().filter(s -> s.id().equals(StepIds.HOST_ADDRESS)).findFirst().orElseThrow()
        .status().is(StepStatus.State.SATISFIED), "the installation from before stays");
  }

  @Test
  void theListingReadsAddressesAfterTheLinks() {
    List<VmInspector.Nic> nics = VmInspector.parse("lo 00:00:00:00:00:00 0x9\neth1 02:AA:bb:cc:dd:ee 0x1003\n"
        + "addr lo 127.0.0.1/8\naddr eth1 10.0.75.254/24\naddr eth1 fe80::1/64\nnoise\n");
    assertEquals(new VmInspector.Nic("eth1", "02:aa:bb:cc:dd:ee", true, List.of(Ipv4Cidr.parse("10.0.75.254/24"))), nics.get(1));
    assertEquals(2, nics.size());
  }

  private StepStatus status(String id) {
    return machine.bridge().plan().steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow().status();
  }
}
