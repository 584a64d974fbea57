package dev.hostbridge.core.steps;

import dev.hostbridge.api.StepIds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.Plan;
import dev.hostbridge.api.PlanBlockedException;
import dev.hostbridge.api.PlannedStep;
import dev.hostbridge.api.RunFailedException;
import dev.hostbridge.api.StepStatus;
import dev.hostbridge.core.HostBridge;
import dev.hostbridge.core.docker.DockerNetwork;
import dev.hostbridge.core.engine.JournalEntry;
import dev.hostbridge.core.steps.shim.LauncherFile;
import dev.hostbridge.core.steps.shim.LauncherKind;
import dev.hostbridge.core.steps.shim.ShimScript;
import dev.hostbridge.core.testing.FakeDockerEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seven steps together on a machine in memory: install, again, after a restart, uninstall, and failures. */
class SeedFlowTest {

  @TempDir Path root;
  FakeMachine machine;
  Path real;

  @BeforeEach
  void setUp() throws Exception {
    machine = new FakeMachine(root);
    real = machine.launcher.resolveSibling("com.docker.hyperkit.real");
  }

  static Map<String, StepStatus.State> states(Plan plan) {
    return plan.steps().stream().collect(Collectors.toMap(PlannedStep::id, s -> s.status().state()));
  }

  static List<String> ids(Plan plan) {
    return plan.steps().stream().map(PlannedStep::id).toList();
  }

  @Test
  void aFreshInstallAppliesEverySeedStepInOrder() throws Exception {
    HostBridge bridge = machine.bridge();
    Plan plan = bridge.plan();
    assertEquals(List.of("tuntap-driver", "tap-ownership", "launcher-shim", "docker-restart", "vm-link", "docker-network",
        "host-address"), ids(plan));
    assertEquals(StepStatus.State.SATISFIED, states(plan).get("tuntap-driver"));
    assertEquals(List.of("tap-ownership", "launcher-shim", "docker-restart", "vm-link", "docker-network", "host-address"),
        plan.withState(StepStatus.State.PENDING).stream().map(PlannedStep::id).toList());

    bridge.install();

    assertEquals("ada", machine.platform.deviceOwners.get("tap1"));
    assertArrayEquals(FakeMachine.LAUNCHER_BYTES, Files.readAllBytes(real), "the original is renamed, byte for byte");
    assertEquals(LauncherKind.OURS, LauncherFile.classify(machine.launcher).kind());
    assertTrue(Files.isExecutable(machine.launcher));
    assertEquals(1, machine.platform.restarts);
    assertTrue(machine.docker.vmNics.get("eth1").up());
    DockerNetwork network = machine.docker.networks.get("tap");
    assertEquals("macvlan", network.driver());
    assertEquals("eth1", network.parent().orElseThrow());
    assertEquals("true", network.labels().get(MacvlanNetwork.MANAGED_LABEL));
    assertTrue(machine.platform.interfaces.get("tap1").has(network.gateway().orElseThrow()));
    assertTrue(machine.platform.interfaces.get("tap1").up());
    assertTrue(machine.docker.helperRuns.stream().allMatch(h -> h.hostNetwork() && h.addedCapabilities().equals(List.of("NET_ADMIN"))));
    dev.hostbridge.core.JournalView.Change shim = bridge.journal().find("launcher-shim").orElseThrow();
    assertEquals(LauncherFile.sha256(real), shim.facts().get("original-sha256"));
    assertTrue(bridge.plan().isComplete());
  }

  @Test
  void installTwiceChangesNothingTheSecondTime() throws Exception {
    HostBridge bridge = machine.bridge();
    bridge.install();
    byte[] journal = Files.readAllBytes(bridge.journalFile());
    byte[] shim = machine.launcherBytes();
    int helperRuns = machine.docker.helperRuns.size();
    Plan second = bridge.install();
    assertTrue(second.isComplete(), "every step SATISFIED: " + states(second));
    assertArrayEquals(journal, Files.readAllBytes(bridge.journalFile()));
    assertArrayEquals(shim, machine.launcherBytes());
    assertEquals(1, machine.platform.restarts);
    assertEquals(helperRuns + 1, machine.docker.helperRuns.size(), "one cached look at the VM for the whole plan");
  }

  @Test
  void afterADockerRestartOnlyTheVolatileStepsAreReapplied() throws Exception {
    HostBridge bridge = machine.bridge();
    bridge.install();
    machine.bootVm(); // Docker restarted by someone: the NIC comes back down and the host's tap loses its address
    Plan plan = bridge.plan();
    assertEquals(List.of("vm-link", "host-address"), plan.withState(StepStatus.State.PENDING).stream().map(PlannedStep::id).toList());
    bridge.install();
    assertTrue(bridge.plan().isComplete());
    assertEquals(1, machine.platform.restarts, "install did not restart Docker again");
  }

  @Test
  void uninstallLeavesTheLauncherByteIdenticalAndTheMachineClean() throws Exception {
    HostBridge bridge = machine.bridge();
    bridge.install();
    bridge.uninstall();
    assertArrayEquals(FakeMachine.LAUNCHER_BYTES, machine.launcherBytes());
    assertFalse(Files.exists(real));
    assertTrue(machine.docker.networks.isEmpty());
    assertFalse(machine.platform.deviceOwners.containsKey("tap1"), "device released");
    assertEquals(2, machine.platform.restarts, "restarted with the original launcher");
    assertFalse(machine.docker.vmNics.containsKey("eth1"));
    assertTrue(bridge.journal().isEmpty());
  }

  @Test
  void aConflictingNetworkIsABlockedStepWithTheDifferencesInThePlan() {
    machine.docker.addNetwork("tap", "bridge", Map.of(), List.of());
    Plan plan = machine.bridge().plan();
    PlannedStep network = plan.steps().stream().filter(s -> s.id().equals(StepIds.DOCKER_NETWORK)).findFirst().orElseThrow();
    assertEquals(StepStatus.State.BLOCKED, network.status().state());
    assertEquals("network.conflict", network.status().code());
    assertTrue(network.status().reason().contains("its driver is bridge, not macvlan"), network.status().reason());
    assertEquals(7, plan.steps().size());
  }

  @Test
  void aNetworkOfThatNameWithAnotherDriverStopsEverythingBeforeAnyChange() throws Exception {
    machine.docker.addNetwork("tap", "bridge", Map.of(), List.of());
    HostBridge bridge = machine.bridge();
    BridgeException e = assertThrows(BridgeException.class, bridge::install);
    assertEquals("network.conflict", e.code());
    assertEquals(BridgeException.Kind.USER, e.kind());
    assertTrue(e.getMessage().contains("its driver is bridge, not macvlan"), e.getMessage());
    assertTrue(e.remedy().contains("--network"), e.remedy());
    assertArrayEquals(FakeMachine.LAUNCHER_BYTES, machine.launcherBytes());
    assertTrue(machine.platform.deviceOwners.isEmpty());
    assertEquals(0, machine.platform.restarts);
    assertTrue(bridge.journal().isEmpty());
  }

  @Test
  void aFittingNetworkIsAdoptedAndNeverRemoved() throws Exception {
    HostBridge bridge = machine.bridge();
    bridge.install();
    DockerNetwork ours = machine.docker.networks.get("tap");
    machine.docker.networks.put("tap", new DockerNetwork("someone-elses", "tap", "macvlan", ours.options(), Map.of(), ours.subnet(),
        ours.gateway(), List.of()));
    bridge.uninstall();
    assertTrue(machine.docker.networks.containsKey("tap"), "not the network host-bridge created");
  }

  @Test
  void aNetworkWithContainersIsNotRemoved() throws Exception {
    HostBridge bridge = machine.bridge();
    bridge.install();
    DockerNetwork ours = machine.docker.networks.get("tap");
    machine.docker.networks.put("tap", new DockerNetwork(ours.id(), "tap", "macvlan", ours.options(), ours.labels(), ours.subnet(),
        ours.gateway(), List.of("web", "db")));
    BridgeException e = assertThrows(BridgeException.class, bridge::uninstall);
    assertTrue(e.getMessage().contains("web, db"), e.getMessage());
    assertEquals(List.of("docker-network"), bridge.journal().stepIds(),
        "everything else was undone; the network stays journaled for the next uninstall");
  }

  @Test
  void anUnknownScriptIsRefusedAndNothingChanges() throws Exception {
    Files.writeString(machine.launcher, "#!/bin/sh\nexec /somewhere/else \"$@\"\n");
    byte[] before = machine.launcherBytes();
    PlanBlockedException e = assertThrows(PlanBlockedException.class, machine.bridge()::install);
    assertTrue(e.getMessage().contains("did not write"), e.getMessage());
    assertArrayEquals(before, machine.launcherBytes());
    assertTrue(machine.platform.deviceOwners.isEmpty());
  }

  @Test
  void theSeedsShimIsRecognisedWithTheWayBack() throws Exception {
    Files.writeString(machine.launcher, "#!/bin/bash\n# shim\nexec \"$0.real\" -s 2:1,virtio-tap,tap1 \"$@\"\n");
    Plan plan = machine.bridge().plan();
    PlannedStep shim = plan.steps().get(2);
    assertEquals(StepStatus.State.BLOCKED, shim.status().state());
    assertTrue(shim.status().reason().contains("docker-for-mac-host-bridge"), shim.status().reason());
    assertTrue(shim.status().remedy().startsWith("Put the original back first: mv '" + real + "'"), shim.status().remedy());
  }

  @Test
  void dockerTuntapOsxShimIsRecognised() throws Exception {
    Files.writeString(machine.launcher, "#!/bin/bash\nexec ./com.docker.hyperkit.original -s 2:1,virtio-tap,tap1 \"$@\"\n");
    PlannedStep shim = machine.bridge().plan().steps().get(2);
    assertEquals(StepStatus.State.BLOCKED, shim.status().state());
    assertTrue(shim.status().reason().contains("docker-tuntap-osx"), shim.status().reason());
  }

  @Test
  void aFailureLateInTheRunRollsEverythingBack() throws Exception {
    machine.platform.onRestart = () -> {
      machine.bootVm();
      machine.platform.interfaces.remove("tap1"); // the VM came up, but the host never got its tap interface
    };
    HostBridge bridge = machine.bridge();
    RunFailedException e = assertThrows(RunFailedException.class, bridge::install);
    assertEquals("host-address", e.stepId());
    assertEquals(List.of("docker-network", "vm-link", "docker-restart", "launcher-shim", "tap-ownership"), e.reverted());
    assertArrayEquals(FakeMachine.LAUNCHER_BYTES, machine.launcherBytes());
    assertFalse(Files.exists(real));
    assertTrue(machine.docker.networks.isEmpty());
    assertTrue(machine.platform.deviceOwners.isEmpty());
    assertTrue(bridge.journal().isEmpty());
  }

  @Test
  void aRestartThatNeverShowsTheNicFailsWithTheOwnershipHint() throws Exception {
    machine.platform.onRestart = () -> {};
    RunFailedException e = assertThrows(RunFailedException.class, machine.bridge()::install);
    assertEquals("docker-restart", e.stepId());
    assertTrue(e.remedy().contains("owns the device"), e.remedy());
    assertArrayEquals(FakeMachine.LAUNCHER_BYTES, machine.launcherBytes());
  }

  @Test
  void aLauncherReplacedByADockerUpdateIsShimmedAgainAndTheOldOneKept() throws Exception {
    HostBridge bridge = machine.bridge();
    bridge.install();
    byte[] newer = "\u007fELF newer hyperkit".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    Files.write(machine.launcher, newer); // the update wrote a new launcher over our shim
    Plan plan = bridge.plan();
    assertEquals(StepStatus.State.PENDING, states(plan).get("launcher-shim"));
    bridge.install();
    assertArrayEquals(newer, Files.readAllBytes(real));
    String kept = bridge.journal().find("launcher-shim").orElseThrow().facts().get("replaced-original");
    assertArrayEquals(FakeMachine.LAUNCHER_BYTES, Files.readAllBytes(Path.of(kept)), "the older original is kept, not deleted");
    bridge.uninstall();
    assertArrayEquals(newer, machine.launcherBytes());
  }

  @Test
  void revertRefusesAnOriginalThatIsNotTheOneRenamed() throws Exception {
    HostBridge bridge = machine.bridge();
    bridge.install();
    Files.write(real, "\u007fELF tampered".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    BridgeException e = assertThrows(BridgeException.class, bridge::uninstall);
    assertTrue(e.getMessage().contains("is not the file host-bridge renamed"), e.getMessage());
    assertEquals(LauncherKind.OURS, LauncherFile.classify(machine.launcher).kind(), "nothing was moved");
  }

  @Test
  void anOlderShimOfOursIsRewrittenInPlace() throws Exception {
    HostBridge bridge = machine.bridge();
    bridge.install();
    String current = Files.readString(machine.launcher);
    Files.writeString(machine.launcher, current.replace("# host-bridge shim v" + ShimScript.VERSION, "# host-bridge shim v0"));
    assertEquals(StepStatus.State.PENDING, states(bridge.plan()).get("launcher-shim"));
    bridge.install();
    assertEquals(current, Files.readString(machine.launcher));
    assertArrayEquals(FakeMachine.LAUNCHER_BYTES, Files.readAllBytes(real), "the original is untouched by the upgrade");
    assertEquals(1, machine.platform.restarts, "same device and MAC: the VM keeps its NIC, no restart");
  }

  @Test
  void anotherDeviceOrNetworkNeedsAnUninstallFirst() throws Exception {
    machine.bridge().install();
    machine.settings.put(ConfigKey.DEVICE, "tap2");
    PlanBlockedException device = assertThrows(PlanBlockedException.class, machine.bridge()::install);
    assertTrue(device.remedy().contains("uninstall --device tap1"), device.remedy());
    machine.settings.remove(ConfigKey.DEVICE);
    machine.settings.put(ConfigKey.NETWORK, "other");
    PlanBlockedException network = assertThrows(PlanBlockedException.class, machine.bridge()::install);
    assertTrue(network.remedy().contains("uninstall --network tap"), network.remedy());
    assertEquals("ada", machine.platform.deviceOwners.get("tap1"), "nothing of the first install was touched");
    assertTrue(machine.docker.networks.containsKey("tap"));
  }

  @Test
  void aFailedRunKeepsWhatAnEarlierInstallHadApplied() throws Exception {
    HostBridge bridge = machine.bridge();
    bridge.install();
    String current = Files.readString(machine.launcher);
    Files.writeString(machine.launcher, current.replace("# host-bridge shim v" + ShimScript.VERSION, "# host-bridge shim v0"));
    machine.bootVm();
    machine.platform.interfaces.remove("tap1"); // this time host-address fails
    RunFailedException e = assertThrows(RunFailedException.class, bridge::install);
    assertEquals("host-address", e.stepId());
    assertEquals(List.of(), e.reverted());
    assertEquals(List.of("launcher-shim", "vm-link"), e.keptFromBefore());
    assertEquals(LauncherKind.OURS, LauncherFile.classify(machine.launcher).kind(), "the working installation stays");
    assertEquals(List.of("tap-ownership", "launcher-shim", "docker-restart", "vm-link", "docker-network", "host-address"),
        bridge.journal().stepIds());
  }

  @Test
  void aDeviceThatWasThereGoesBackToItsOwner() throws Exception {
    machine.platform.deviceOwners.put("tap1", "bob");
    HostBridge bridge = machine.bridge();
    bridge.install();
    assertEquals("ada", machine.platform.deviceOwners.get("tap1"));
    bridge.uninstall();
    assertEquals("bob", machine.platform.deviceOwners.get("tap1"), "given back, not removed");
  }

  @Test
  void anAddressThatWasThereStays() throws Exception {
    machine.settings.put(ConfigKey.SUBNET, "10.0.75.0/24");
    machine.settings.put(ConfigKey.GATEWAY, "10.0.75.1");
    machine.platform.onRestart = () -> {
      machine.bootVm();
      machine.platform.addAddress("tap1", Ipv4Cidr.parse("10.0.75.1/24")); // someone's own address, interface down
    };
    HostBridge bridge = machine.bridge();
    bridge.install();
    bridge.uninstall();
    assertTrue(machine.events.stream().anyMatch(ev -> ev.toString().contains("before host-bridge came")));
  }

  @Test
  void uninstallTakesDownOnlyTheNicItBroughtUp() throws Exception {
    machine.settings.put(ConfigKey.MOBY_ETH, "1");
    HostBridge bridge = machine.bridge();
    bridge.install();
    machine.settings.put(ConfigKey.MOBY_ETH, "0"); // a different setting at uninstall time
    machine.bridge().uninstall();
    assertTrue(machine.docker.vmNics.get("eth0").up(), "the VM's own NIC is untouched");
  }

  @Test
  void aMissingLauncherIsNamedAsMissing() throws Exception {
    machine.settings.put(ConfigKey.LAUNCHER, root.resolve("nowhere/hyperkit").toString());
    PlannedStep shim = machine.bridge().plan().steps().get(2);
    assertEquals(StepStatus.State.BLOCKED, shim.status().state());
    assertTrue(shim.status().reason().startsWith("there is no launcher at"), shim.status().reason());
  }

  @Test
  void aNetworkWhoseParentIsAnotherNicIsRefusedBeforeAnyChange() throws Exception {
    machine.docker.addNetwork("tap", "macvlan", Map.of("parent", "eth0"), List.of());
    BridgeException e = assertThrows(BridgeException.class, machine.bridge()::install);
    assertTrue(e.getMessage().contains("its parent is eth0"), e.getMessage());
    assertEquals(0, machine.platform.restarts);
    assertArrayEquals(FakeMachine.LAUNCHER_BYTES, machine.launcherBytes());
  }

  @Test
  void anUnsupportedBackendBlocksWithTheReason() {
    machine.platform.backendProblem = java.util.Optional.of("Docker Desktop 4.30 uses the Apple Virtualization framework");
    PlanBlockedException e = assertThrows(PlanBlockedException.class, machine.bridge()::install);
    assertTrue(e.getMessage().contains("Apple Virtualization framework"), e.getMessage());
    assertTrue(e.remedy().contains("HyperKit"), e.remedy());
  }

  @Test
  void noLauncherAnywhereNamesEveryPlaceLooked() throws Exception {
    Files.delete(machine.launcher);
    PlannedStep shim = machine.bridge().plan().steps().get(2);
    assertEquals(StepStatus.State.BLOCKED, shim.status().state());
    assertTrue(shim.status().reason().contains("Contents/MacOS/com.docker.hyperkit"), shim.status().reason());
    assertTrue(shim.status().remedy().contains("--launcher"), shim.status().remedy());
  }

  @Test
  void theOldLayoutsInsideDockerAppAreFound() throws Exception {
    Files.delete(machine.launcher);
    Path old = machine.app.resolve("Contents/MacOS/com.docker.hyperkit");
    Files.createDirectories(old.getParent());
    Files.write(old, FakeMachine.LAUNCHER_BYTES);
    PlannedStep shim = machine.bridge().plan().steps().get(2);
    assertTrue(shim.status().reason().contains(old.toString()), shim.status().reason());
  }

  @Test
  void aMissingDriverBlocksWithThePlatformsRemedyUnlessAPackageIsGiven() throws Exception {
    machine.platform.driverPresent = false;
    PlannedStep driver = machine.bridge().plan().steps().get(0);
    assertEquals(StepStatus.State.BLOCKED, driver.status().state());
    assertEquals("install the fake driver", driver.status().remedy());

    Path pkg = root.resolve("tuntap_20150118.pkg");
    Files.writeString(pkg, "fake pkg");
    machine.settings.put(ConfigKey.TUNTAP_PKG, pkg.toString());
    HostBridge bridge = machine.bridge();
    bridge.install();
    assertEquals(List.of(pkg), machine.platform.installedPackages);
  }

  @Test
  void mobyEthNamesTheNicInsteadOfTheMac() throws Exception {
    machine.settings.put(ConfigKey.MOBY_ETH, "1");
    machine.bridge().install();
    assertEquals("eth1", machine.docker.networks.get("tap").parent().orElseThrow());
  }

  @Test
  void configuredSubnetAndGatewayAreUsed() throws Exception {
    machine.settings.put(ConfigKey.SUBNET, "10.0.75.0/24");
    machine.settings.put(ConfigKey.GATEWAY, "10.0.75.1");
    machine.bridge().install();
    assertEquals(Ipv4Cidr.parse("10.0.75.0/24"), machine.docker.networks.get("tap").subnet().orElseThrow());
    assertTrue(machine.platform.interfaces.get("tap1").has(Ipv4Cidr.parse("10.0.75.1/24")));
  }

  @Test
  void theHelperImageIsPulledWhenMissing() throws Exception {
    machine.docker.imagePresent = false;
    machine.bridge().plan();
    assertEquals(List.of("busybox:stable"), machine.docker.pulled);
  }

  @Test
  void dockerUnreachableBlocksTheStepsThatNeedItAndThePlanGoesOn() {
    machine.docker.reachable = false;
    dev.hostbridge.api.Plan plan = machine.bridge().plan();
    assertEquals(7, plan.steps().size(), "every step is in the plan: " + plan);
    dev.hostbridge.api.PlannedStep network = plan.steps().stream().filter(s -> s.id().equals(StepIds.DOCKER_NETWORK))
        .findFirst().orElseThrow();
    assertEquals(StepStatus.State.BLOCKED, network.status().state());
    assertEquals("docker.unreachable", network.status().code());
    assertEquals(java.util.Optional.of(BridgeException.Kind.DOCKER), network.status().failure());
    assertEquals("start it", network.status().remedy());
    dev.hostbridge.api.PlannedStep driver = plan.steps().get(0);
    assertTrue(driver.status().failure().isEmpty(), "a step that needs no Docker is probed as usual: " + driver);
  }

  @Test
  void dockerUnreachableStopsInstallWithTheDockerError() {
    machine.docker.reachable = false;
    BridgeException e = assertThrows(BridgeException.class, machine.bridge()::install);
    assertEquals(BridgeException.Kind.DOCKER, e.kind());
    assertEquals("docker.unreachable", e.code());
    assertTrue(machine.bridge().journal().isEmpty());
  }

  @Test
  void theMacIsStableLocallyAdministeredAndUnicast() {
    String mac = TapMac.of(machine.config());
    assertEquals(mac, TapMac.of(machine.config()));
    int first = Integer.parseInt(mac.substring(0, 2), 16);
    assertEquals(2, first & 0x03, "locally administered, unicast");
    assertFalse(mac.equals(TapMac.derive("other/tap1")));
    assertTrue(FakeDockerEngine.class.getSimpleName().length() > 0);
  }
}
