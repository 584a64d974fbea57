package dev.hostbridge.core.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.api.PlanBlockedException;
import dev.hostbridge.api.StepStatus;
import dev.hostbridge.core.HostBridge;
import dev.hostbridge.core.Settings;
import dev.hostbridge.testkit.FakePlatform;
import dev.hostbridge.testkit.FakeServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The boot service as a journaled step: written, started, checked, stopped and removed; a foreign file untouched. */
class BootServiceTest {

  @TempDir Path root;
  final FakePlatform platform = new FakePlatform();
  FakeServices services;

  HostBridge bridge(List<String> argv) {
    services = services != null ? services : new FakeServices(root.resolve("etc/systemd/system/host-bridge.service"));
    platform.services = services;
    BridgeConfig config = Settings.builder().osName("Linux").home(root).environment(Map.of())
        .set(ConfigKey.STATE_DIR, root.resolve("state/service").toString()).build();
    return HostBridge.builder(config).platform(platform).withoutBuiltInSteps().discoverPlugins(false)
        .addStep(new BootService(argv, root.resolve("state/watch.log"))).build();
  }

  StepStatus state(HostBridge bridge) {
    return bridge.plan().steps().get(0).status();
  }

  @Test
  void installWritesTheDefinitionAndStartsItUninstallStopsAndRemovesIt() throws Exception {
    HostBridge bridge = bridge(List.of("java", "-jar", "host-bridge.jar", "watch", "--network", "tap"));
    assertEquals(StepStatus.State.PENDING, state(bridge).state());
    bridge.install();
    Path file = services.definitionFile();
    assertTrue(Files.readString(file).contains("run java -jar host-bridge.jar watch --network tap"));
    assertEquals(List.of("start"), services.calls);
    assertEquals(StepStatus.State.SATISFIED, state(bridge).state());
    assertEquals(List.of(BootService.ID), bridge.journal().stepIds(), "journaled like every other change");

    bridge.uninstall();
    assertFalse(Files.exists(file));
    assertEquals(List.of("start", "stop"), services.calls);
    assertTrue(bridge.journal().isEmpty());
  }

  @Test
  void otherSettingsRewriteItAndRestartIt() throws Exception {
    bridge(List.of("watch", "--network", "tap")).install();
    HostBridge changed = bridge(List.of("watch", "--network", "other"));
    assertTrue(state(changed).reason().startsWith("will rewrite"), state(changed).reason());
    changed.install();
    assertTrue(Files.readString(services.definitionFile()).contains("--network other"));
    assertEquals(List.of("start", "stop", "start"), services.calls);
  }

  @Test
  void aDefinitionHostBridgeDidNotWriteIsNeverTouched() throws Exception {
    services = new FakeServices(root.resolve("etc/systemd/system/host-bridge.service"));
    Files.createDirectories(services.definitionFile().getParent());
    Files.writeString(services.definitionFile(), "[Service]\nExecStart=/usr/local/bin/mine\n");
    HostBridge bridge = bridge(List.of("watch"));
    StepStatus status = state(bridge);
    assertEquals("service.foreign", status.code());
    assertThrows(PlanBlockedException.class, bridge::install);
    assertEquals("[Service]\nExecStart=/usr/local/bin/mine\n", Files.readString(services.definitionFile()));
    assertEquals(List.of(), services.calls);
  }

  @Test
  void withoutAServiceManagerItIsBlockedWithTheCommandToRunInstead() {
    services = new FakeServices(root.resolve("x.service"));
    services.unavailable = Optional.of("systemd is not running on this machine");
    StepStatus status = state(bridge(List.of("java", "-jar", "host-bridge.jar", "watch")));
    assertEquals(StepStatus.State.BLOCKED, status.state());
    assertTrue(status.remedy().contains("'java' '-jar' 'host-bridge.jar' 'watch'"), status.remedy());
  }
}
