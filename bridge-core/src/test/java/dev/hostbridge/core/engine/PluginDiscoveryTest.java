package dev.hostbridge.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.PlannedStep;
import dev.hostbridge.api.StepProvider;
import dev.hostbridge.core.HostBridge;
import dev.hostbridge.core.Settings;
import dev.hostbridge.testkit.FakePlatform;
import dev.hostbridge.core.testing.RecordingStep;
import dev.hostbridge.core.testing.TestStepProvider;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginDiscoveryTest {

  @TempDir Path pluginJarRoot;
  @TempDir Path state;

  @Test
  void aStepProviderOnTheClassPathIsFoundAndOrdered() throws Exception {
    // A plugin "jar" as a directory: only its META-INF/services file; the class comes from the parent loader.
    Path services = pluginJarRoot.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve(StepProvider.class.getName()), "# a test plugin\n" + TestStepProvider.class.getName() + "\n");
    List<String> log = new ArrayList<>();
    try (URLClassLoader plugins = new URLClassLoader(new URL[] {pluginJarRoot.toUri().toURL()}, getClass().getClassLoader())) {
      HostBridge bridge = HostBridge.builder(Settings.builder().osName("Linux")
              .set(dev.hostbridge.api.ConfigKey.STATE_DIR, state.toString()).build())
          .platform(new FakePlatform())
          .withoutBuiltInSteps()
          .pluginClassLoader(plugins)
          .addStep(new RecordingStep("a", log))
          .addStep(new RecordingStep("b", log))
          .build();
      List<PlannedStep> plan = bridge.plan().steps();
      assertEquals(List.of("a", "plugin-step", "b"), plan.stream().map(PlannedStep::id).toList());
      assertEquals("a step from a plugin for network tap", plan.get(1).description());
    }
  }
}
