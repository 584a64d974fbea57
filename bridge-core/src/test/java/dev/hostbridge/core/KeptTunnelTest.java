package dev.hostbridge.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.core.internal.Seams;
import dev.hostbridge.core.testing.FakeDockerEngine;
import dev.hostbridge.testkit.FakePlatform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watcher on Linux with {@code --strategy auto} that starts while the engine does not answer
 * cannot tell the tap from the tunnel yet; once the engine answers from a VM, its steps are the
 * tunnel's and it keeps the tunnel's host side, without a restart.
 */
class KeptTunnelTest {

  @TempDir Path state;

  @Test
  void aWatcherStartedBeforeTheEngineAnsweredKeepsTheTunnelOnceItIsDecided() {
    FakeDockerEngine docker = new FakeDockerEngine(); // its host is "fake-vm", not this machine
    docker.reachable = false;
    BridgeConfig config = Settings.builder().osName("Linux").home(state).invokingUser("ada").environment(Map.of())
        .set(ConfigKey.STATE_DIR, state.toString()).build();
    List<String> log = new ArrayList<>();
    HostBridge bridge = Seams.dockerEngine(HostBridge.builder(config).platform(new FakePlatform()).discoverPlugins(false), () -> docker)
        .keepTunnel(log::add).build();
    try {
      assertEquals(BridgeConfig.Strategy.TAP, bridge.strategy(), "undecided: the tap meanwhile");
      assertFalse(bridge.tunnelRuntime().isPresent());

      docker.reachable = true;
      assertEquals(BridgeConfig.Strategy.TUNNEL, bridge.strategy());
      List<String> ids = bridge.steps().stream().map(dev.hostbridge.api.Step::id).toList();
      assertTrue(ids.contains("tunnel-host"), ids.toString());
      assertTrue(bridge.tunnelRuntime().isPresent(), "the tunnel's host side is kept from now on");
    } finally {
      bridge.close();
    }
  }
}
