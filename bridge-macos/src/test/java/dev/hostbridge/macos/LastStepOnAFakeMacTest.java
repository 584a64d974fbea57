package dev.hostbridge.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.StepStatus;
import dev.hostbridge.core.Settings;
import dev.hostbridge.core.steps.HostAddress;
import dev.hostbridge.macos.net.FakeKernel;
import dev.hostbridge.testkit.FakeDocker;
import dev.hostbridge.testkit.StepHarness;
import java.util.Map;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seed's step 7 on the macOS platform as it is put together for real, with a fake XNU behind
 * its system calls: hyperkit has opened /dev/tap1, so tap1 exists without any address. This is
 * the case that failed on every real Mac while the platform asked the JDK whether tap1 existed.
 */
class LastStepOnAFakeMacTest {

  static final Ipv4Cidr GATEWAY = Ipv4Cidr.parse("10.0.75.1/24");

  final FakeKernel kernel = new FakeKernel();
  final BridgeConfig config = Settings.builder().osName("Mac OS X").environment(Map.of())
      .set(ConfigKey.SUBNET, "10.0.75.0/24").set(ConfigKey.GATEWAY, "10.0.75.1").build();
  final HostPlatform platform = new MacosPlatform(config, kernel, kernel);
  // With the gateway configured, the step never asks Docker.
  final HostAddress step = new HostAddress(() -> {
    throw new AssertionError("Docker is not needed when --gateway is given");
  });
  // As host-bridge runs a step: what apply records is given back to revert.
  final StepHarness harness = new StepHarness(step, config, platform, new FakeDocker());

  @Test
  void anAddresslessTapIsPendingThenAppliedThenSatisfied() {
    kernel.openTap("tap1");
    StepStatus before = harness.check();
    assertEquals(StepStatus.State.PENDING, before.state());
    assertTrue(before.reason().contains("tap1 will get 10.0.75.1/24"), before.reason());

    harness.apply();
    FakeKernel.Interface tap = kernel.get("tap1").orElseThrow();
    assertEquals(List.of(GATEWAY), tap.addresses);
    assertTrue(tap.up());
    assertEquals(StepStatus.State.SATISFIED, harness.check().state());

    harness.revert();
    assertEquals(List.of(), kernel.get("tap1").orElseThrow().addresses);
  }

  @Test
  void withoutTheVmThereIsNoTapAndTheStepWaitsForIt() {
    StepStatus status = harness.check();
    assertEquals(StepStatus.State.PENDING, status.state());
    assertTrue(status.reason().contains("tap1 does not exist"), status.reason());
  }

  @Test
  void aVmRestartTakesTheAddressAwayAndTheStepSeesIt() {
    kernel.openTap("tap1");
    harness.apply();
    kernel.closeTap("tap1");
    kernel.openTap("tap1");
    StepStatus status = harness.check();
    assertEquals(StepStatus.State.PENDING, status.state());
    assertTrue(status.reason().contains("will get"), status.reason());
  }
}
