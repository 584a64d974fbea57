package dev.hostbridge.example.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.api.StepStatus;
import dev.hostbridge.core.Settings;
import dev.hostbridge.testkit.FakeDocker;
import dev.hostbridge.testkit.FakePlatform;
import dev.hostbridge.testkit.StepHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin's step, unit-tested with host-bridge's test kit: no Docker, no machine changed. */
class GreetingFileStepTest {

  @TempDir Path state;

  @Test
  void writesTheGreetingWithItsSettingAndTheSubnetThenTakesItAway() throws Exception {
    BridgeConfig config = Settings.builder().environment(Map.of("HOST_BRIDGE_GREETING_TEXT", "hi"))
        .set(ConfigKey.STATE_DIR, state.toString()).build();
    FakeDocker docker = new FakeDocker();
    docker.addNetwork("tap", "macvlan", "10.0.75.0/24", "10.0.75.1/24");
    StepHarness harness = new StepHarness(new GreetingFileStep(), config, new FakePlatform(), docker);

    assertEquals(StepStatus.State.PENDING, harness.check().state());
    harness.apply();
    Path file = state.resolve("greeting.txt");
    assertEquals("hi from the host, which reaches Docker network tap 10.0.75.0/24\n", Files.readString(file));
    assertEquals(file.toString(), harness.records().get("file"), "recorded before the change, for revert");
    assertEquals(StepStatus.State.SATISFIED, harness.check().state());

    harness.revert();
    assertFalse(Files.exists(file));
    assertTrue(harness.progress().isEmpty());
  }
}
