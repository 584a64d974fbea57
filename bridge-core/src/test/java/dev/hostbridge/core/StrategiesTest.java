package dev.hostbridge.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeConfig.Strategy;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.testkit.FakePlatform;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What --strategy auto means on each kind of machine. */
class StrategiesTest {

  @TempDir Path dockerApp;

  static BridgeConfig config(String strategy) {
    return BridgeConfig.builder().osName("Mac OS X").set(ConfigKey.STRATEGY, strategy).build();
  }

  FakePlatform mac() {
    FakePlatform mac = new FakePlatform(BridgeConfig.PLATFORM_MACOS);
    mac.dockerApps.add(dockerApp);
    return mac;
  }

  @Test
  void autoIsTheTapOnHyperKitAndTheTunnelOnEveryOtherMac() {
    assertEquals(Strategy.TAP, Strategies.resolve(config("auto"), mac()), "Docker Desktop on HyperKit");
    FakePlatform virtualization = mac();
    virtualization.backendProblem = Optional.of("Docker Desktop uses the Apple Virtualization framework, not HyperKit");
    assertEquals(Strategy.TUNNEL, Strategies.resolve(config("auto"), virtualization));
    FakePlatform noDockerDesktop = new FakePlatform(BridgeConfig.PLATFORM_MACOS);
    noDockerDesktop.dockerApps.add(dockerApp.resolve("missing"));
    assertEquals(Strategy.TUNNEL, Strategies.resolve(config("auto"), noDockerDesktop), "Colima and the like");
  }

  @Test
  void autoIsTheTapOnLinuxAndAGivenStrategyIsTaken() {
    assertEquals(Strategy.TAP, Strategies.resolve(config("auto"), new FakePlatform(BridgeConfig.PLATFORM_LINUX)));
    FakePlatform virtualization = mac();
    virtualization.backendProblem = Optional.of("not HyperKit");
    assertEquals(Strategy.TAP, Strategies.resolve(config("tap"), virtualization), "asked for, it is what the user gets");
    assertEquals(Strategy.TUNNEL, Strategies.resolve(config("tunnel"), new FakePlatform(BridgeConfig.PLATFORM_LINUX)));
  }
}
