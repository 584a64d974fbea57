package dev.hostbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.core.Settings;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The boot service's command line: the strategy in use written out, and the JVM the strategy needs. */
class WatchCommandLineTest {

  static BridgeConfig config() {
    return Settings.builder().osName("Linux").set(ConfigKey.STATE_DIR, "/var/lib/hb")
        .set(ConfigKey.TUNNEL_LISTEN, "10.0.0.5").build();
  }

  @Test
  void aTunnelWatcherRunsWithTheOptimisingCompilerAndItsStrategyWrittenOut() {
    List<String> argv = WatchCommandLine.of(config(), BridgeConfig.Strategy.TUNNEL, Optional.empty(), Path.of("/var/log/w.log"));
    assertFalse(argv.contains("-XX:TieredStopAtLevel=1"), argv.toString());
    assertFalse(argv.contains("-XX:CICompilerCount=1"), "C2 needs two compiler threads: " + argv);
    int strategy = argv.indexOf("--strategy");
    assertEquals("tunnel", argv.get(strategy + 1), "auto is decided now, not again at boot");
    assertEquals(1, Collections.frequency(argv, "--strategy"));
    assertEquals("10.0.0.5", argv.get(argv.indexOf("--tunnel-listen") + 1), "the settings given are kept");
    assertFalse(argv.contains("--tunnel-endpoint"), "defaults are not written");
  }

  @Test
  void aTapWatcherStaysASmallC1Daemon() {
    List<String> argv = WatchCommandLine.of(config(), BridgeConfig.Strategy.TAP, Optional.of("unix:///run/docker.sock"), Path.of("/w.log"));
    assertTrue(argv.contains("-XX:TieredStopAtLevel=1") && argv.contains("-XX:CICompilerCount=1"), argv.toString());
    assertEquals("tap", argv.get(argv.indexOf("--strategy") + 1));
    assertEquals("unix:///run/docker.sock", argv.get(argv.indexOf("--docker-host") + 1));
  }
}
