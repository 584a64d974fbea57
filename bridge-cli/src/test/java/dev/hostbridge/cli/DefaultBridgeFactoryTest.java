package dev.hostbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.core.HostBridge;
import dev.hostbridge.core.Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's bridge: the platform ServiceLoader finds for this machine, and the plugins of the plugin path. */
class DefaultBridgeFactoryTest {

  @TempDir Path state;

  CliEnvironment environment(Map<String, String> variables) {
    return Main.environment(variables, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
  }

  BridgeConfig config() {
    return Settings.builder().osName("Linux").home(state).environment(Map.of())
        .set(ConfigKey.STATE_DIR, state.toString()).build();
  }

  @Test
  void thePlatformIsTheOneServiceLoaderFindsForThisMachine() {
    try (HostBridge bridge = new DefaultBridgeFactory(environment(Map.of())).builder(config())
        .discoverPlugins(false).withoutBuiltInSteps().build()) {
      assertEquals("linux", bridge.platform().name());
    }
  }

  @Test
  void withoutPluginsNoneAreListed() {
    assertEquals(List.of(), new DefaultBridgeFactory(environment(Map.of())).plugins(config()));
  }

  @Test
  void theJarsOfThePluginsDirectoryAreListed() throws Exception {
    Path plugins = Files.createDirectories(state.resolve("plugins"));
    Path jar = plugins.resolve("empty.jar");
    try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new java.util.jar.JarEntry("README"));
    }
    assertEquals(List.of(jar.toAbsolutePath().toString()), new DefaultBridgeFactory(environment(Map.of())).plugins(config()));
  }

  @Test
  void theProductionWiringMakesEveryCommandWithoutStartingAnything() {
    // Strict Guice: an unbound dependency of the real factory or of a command fails here, not on a user's Mac.
    Injector injector = Guice.createInjector(Stage.PRODUCTION, new CliModule(environment(Map.of())), new Main.DefaultBridgeFactoryModule());
    for (Class<?> command : List.of(PlanCommand.class, InstallCommand.class, UninstallCommand.class, StatusCommand.class,
        DoctorCommand.class)) {
      assertInstanceOf(DefaultBridgeFactory.class, ((BridgeCommand) injector.getInstance(command)).factory);
    }
  }

  @Test
  void theCommandImportsNoPlatformModule() throws Exception {
    try (var files = Files.walk(Path.of("src/main/java"))) {
      List<Path> offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
        try {
          String text = Files.readString(p);
          return text.contains("dev.hostbridge.macos") || text.contains("dev.hostbridge.linux");
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
      assertTrue(offenders.isEmpty(), "the CLI reaches platforms only through the SPI: " + offenders);
    }
  }
}
