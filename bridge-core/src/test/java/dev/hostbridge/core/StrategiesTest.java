package dev.hostbridge.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeConfig.Strategy;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.core.docker.EngineHost;
import dev.hostbridge.core.testing.FakeDockerEngine;
import dev.hostbridge.testkit.FakePlatform;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What --strategy auto means on each kind of machine. */
class StrategiesTest {

  @TempDir Path dockerApp;

  static BridgeConfig config(String strategy) {
    return Settings.builder().osName("Mac OS X").set(ConfigKey.STRATEGY, strategy).build();
  }

  FakePlatform mac() {
    FakePlatform mac = new FakePlatform(BridgeConfig.PLATFORM_MACOS);
    mac.dockerApps.add(dockerApp);
    return mac;
  }

  @Test
  void autoIsTheTapOnHyperKitAndTheTunnelOnEveryOtherMac() {
    assertEquals(Strategy.TAP, resolve(config("auto"), mac()), "Docker Desktop on HyperKit");
    FakePlatform virtualization = mac();
    virtualization.backendProblem = Optional.of("Docker Desktop uses the Apple Virtualization framework, not HyperKit");
    assertEquals(Strategy.TUNNEL, resolve(config("auto"), virtualization));
    FakePlatform noDockerDesktop = new FakePlatform(BridgeConfig.PLATFORM_MACOS);
    noDockerDesktop.dockerApps.add(dockerApp.resolve("missing"));
    assertEquals(Strategy.TUNNEL, resolve(config("auto"), noDockerDesktop), "Colima and the like");
  }

  static final Strategies.LocalMachine HERE = new Strategies.LocalMachine("builder", "6.1.0-27-amd64");

  static BridgeConfig.Strategy resolve(BridgeConfig config, FakePlatform platform, FakeDockerEngine engine) {
    return Strategies.resolve(config, platform, () -> engine, HERE);
  }

  static BridgeConfig.Strategy resolve(BridgeConfig config, FakePlatform platform) {
    return resolve(config, platform, new FakeDockerEngine());
  }

  @Test
  void onLinuxAutoIsTheTunnelWhenTheEngineRunsInAVmAndTheTapWhenItRunsHere() {
    FakePlatform linux = new FakePlatform(BridgeConfig.PLATFORM_LINUX);
    FakeDockerEngine engine = new FakeDockerEngine();
    engine.host = new EngineHost("builder", "6.1.0-27-amd64");
    assertEquals(Strategy.TAP, resolve(config("auto"), linux, engine), "the engine on this kernel, as in the lab");
    engine.host = new EngineHost("colima", "6.8.0-49-generic");
    assertEquals(Strategy.TUNNEL, resolve(config("auto"), linux, engine), "Colima through a Docker context");
    engine.host = new EngineHost("docker-desktop", "6.1.0-27-amd64");
    assertEquals(Strategy.TUNNEL, resolve(config("auto"), linux, engine), "the same kernel release, another machine");
    engine.host = new EngineHost("builder", "6.10.14-linuxkit");
    assertEquals(Strategy.TUNNEL, resolve(config("auto"), linux, engine), "the same host name, another kernel");
    engine.reachable = false;
    assertEquals(Strategy.TAP, resolve(config("auto"), linux, engine), "an engine that cannot be asked: the tap's steps say why");
    assertEquals(Strategy.TAP, Strategies.resolve(config("auto"), linux, () -> engine, new Strategies.LocalMachine("", "6.10.14-linuxkit")),
        "no host name known here: not taken for a match");
  }

  @Test
  void withoutAnEngineToAskAutoOnLinuxIsUndecidedAndWhatIsInstalledDecidesFirst(@TempDir Path state) throws Exception {
    FakePlatform linux = new FakePlatform(BridgeConfig.PLATFORM_LINUX);
    FakeDockerEngine down = new FakeDockerEngine();
    down.reachable = false;
    BridgeConfig auto = Settings.builder().osName("Linux").set(ConfigKey.STRATEGY, "auto")
        .set(ConfigKey.STATE_DIR, state.toString()).build();
    assertEquals(Optional.empty(), Strategies.decide(auto, linux, () -> down, HERE), "not kept as a guess");
    assertEquals(Strategy.TAP, Strategies.resolve(auto, linux, () -> down, HERE), "meanwhile the tap");

    // A tunnel installed before: its uninstall and status must not depend on the engine being up.
    dev.hostbridge.core.engine.Journal journal = dev.hostbridge.core.engine.Journal.load(state.resolve("journal"));
    journal.begin("tunnel-key", java.time.Instant.now());
    journal.commit("tunnel-key", java.time.Instant.now());
    assertEquals(Optional.of(Strategy.TUNNEL), Strategies.decide(auto, linux, () -> down, HERE));
    FakeDockerEngine here = new FakeDockerEngine();
    here.host = new EngineHost("builder", "6.1.0-27-amd64");
    assertEquals(Optional.of(Strategy.TUNNEL), Strategies.decide(auto, linux, () -> here, HERE), "the journal over the engine's answer");
    assertEquals(Optional.of(Strategy.TAP), Strategies.decide(config("tap"), linux, () -> down, HERE), "a given strategy over both");
  }

  @Test
  void aGivenStrategyIsTakenWithoutAskingTheEngine() {
    FakeDockerEngine down = new FakeDockerEngine();
    down.reachable = false;
    FakePlatform virtualization = mac();
    virtualization.backendProblem = Optional.of("not HyperKit");
    assertEquals(Strategy.TAP, resolve(config("tap"), virtualization, down), "asked for, it is what the user gets");
    assertEquals(Strategy.TUNNEL, resolve(config("tunnel"), new FakePlatform(BridgeConfig.PLATFORM_LINUX), down));
  }
}
