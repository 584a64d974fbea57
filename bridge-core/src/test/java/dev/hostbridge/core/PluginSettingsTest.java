package dev.hostbridge.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.api.DockerAccess;
import dev.hostbridge.api.PluginSettings;
import dev.hostbridge.api.Step;
import dev.hostbridge.api.StepContext;
import dev.hostbridge.api.StepStatus;
import dev.hostbridge.core.internal.Seams;
import dev.hostbridge.core.testing.FakeDockerEngine;
import dev.hostbridge.testkit.FakePlatform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugins' own settings, and the narrow Docker access a step gets through its context. */
class PluginSettingsTest {

  @TempDir Path state;
  final List<String> seen = new ArrayList<>();

  Settings.Builder config(Map<String, String> env) {
    return Settings.builder().osName("Linux").home(state).environment(env).set(ConfigKey.STATE_DIR, state.toString());
  }

  /** A step that reports what its context gives it. */
  final Step reader = new Step() {
    @Override
    public String id() {
      return "reader";
    }

    @Override
    public String description() {
      return "reads its setting and Docker";
    }

    @Override
    public StepStatus check(StepContext context) {
      seen.add("text=" + context.setting("greeting.text").orElse("-"));
      Optional<DockerAccess.Network> network = context.docker().network("tap");
      seen.add("network=" + network.map(n -> n.driver() + " " + n.subnet().map(Object::toString).orElse("?")).orElse("none"));
      return StepStatus.satisfied("read");
    }

    @Override
    public void apply(StepContext context) {}

    @Override
    public void revert(StepContext context) {}
  };

  HostBridge bridge(BridgeConfig config, FakeDockerEngine docker) {
    return Seams.dockerEngine(HostBridge.builder(config).platform(new FakePlatform()).withoutBuiltInSteps().discoverPlugins(false),
        () -> docker).addStep(reader).acceptSetting("greeting.text").build();
  }

  @Test
  void aSettingComesFromSetOverItsEnvironmentVariable() {
    FakeDockerEngine docker = new FakeDockerEngine();
    bridge(config(Map.of("HOST_BRIDGE_GREETING_TEXT", "from env")).build(), docker).plan();
    bridge(config(Map.of("HOST_BRIDGE_GREETING_TEXT", "from env")).setting("greeting.text=from set").build(), docker).plan();
    assertEquals(List.of("text=from env", "network=none", "text=from set", "network=none"), seen);
  }

  @Test
  void theEnvironmentVariableOfAKeyIsDerivedFromIt() {
    assertEquals("HOST_BRIDGE_GREETING_TEXT", PluginSettings.environmentVariable("greeting.text"));
    assertEquals("HOST_BRIDGE_MY_PLUGIN_SOME_KEY", PluginSettings.environmentVariable("my-plugin.some-key"));
  }

  @Test
  void aStepSeesDockerNetworksThroughItsContext() {
    FakeDockerEngine docker = new FakeDockerEngine();
    docker.addNetwork("tap", "macvlan", Map.of("parent", "eth1"), List.of());
    bridge(config(Map.of()).build(), docker).plan();
    assertTrue(seen.get(1).startsWith("network=macvlan"), seen.toString());
  }

  @Test
  void aSetThatNoPluginTakesIsRefusedBeforeAnything() {
    BridgeConfig config = config(Map.of()).setting("greting.text=typo").build();
    BridgeException e = assertThrows(BridgeException.class, () -> bridge(config, new FakeDockerEngine()));
    assertEquals("config.invalid.set", e.code());
    assertEquals(BridgeException.Kind.USER, e.kind());
    assertTrue(e.getMessage().contains("greting.text"), e.getMessage());
    assertTrue(e.remedy().contains("greeting.text"), "names the settings there are: " + e.remedy());
  }

  @Test
  void malformedSetsAreRefusedNamingTheFix() {
    for (String bad : List.of("novalue", "=x", "NoNamespace=1", "UPPER.case=1", "a.b=line\nbreak", "a.b=" + "x".repeat(1025))) {
      BridgeException e = assertThrows(BridgeException.class, () -> config(Map.of()).setting(bad), bad);
      assertEquals("config.invalid.set", e.code(), bad);
      assertTrue(e.getMessage().startsWith("--set: "), e.getMessage());
    }
  }
}
