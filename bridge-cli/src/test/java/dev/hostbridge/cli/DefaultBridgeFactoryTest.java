package dev.hostbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.core.HostBridge;
import dev.hostbridge.macos.privileged.ElevatedPlatform;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which platform the commands get: wrapped for the helper on macOS as a user, as it is otherwise. */
class DefaultBridgeFactoryTest {

  @TempDir Path state;
  final StringWriter err = new StringWriter();
  final RecordingPlatform user = new RecordingPlatform("macos");
  final RecordingPlatform root = new RecordingPlatform("macos");
  final List<PipedHelperProcess> helpers = new ArrayList<>();

  CliEnvironment environment(Map<String, String> variables) {
    return Main.environment(variables, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
  }

  BridgeConfig config() {
    return BridgeConfig.builder().osName("Mac OS X").home(state).environment(Map.of())
        .set(ConfigKey.STATE_DIR, state.toString()).build();
  }

  /** A factory whose helper is the real helper loop on a thread, serving {@link #root}. */
  DefaultBridgeFactory factory(RecordingPlatform platform, RootCheck rootCheck, Map<String, String> variables) {
    CliEnvironment environment = environment(variables);
    return new DefaultBridgeFactory(environment, (config, loader) -> platform, rootCheck,
        () -> new HelperProcessChannel(() -> List.of("sudo", "stand-in"), false, argv -> {
          PipedHelperProcess helper = new PipedHelperProcess(root);
          helpers.add(helper);
          return helper;
        }, environment.err()));
  }

  @Test
  void onMacosAsAUserChangesGoToTheHelperAndTheHelperEndsWithTheBridge() throws InterruptedException {
    HostBridge bridge = factory(user, () -> false, Map.of()).builder(config()).discoverPlugins(false).withoutBuiltInSteps().build();
    assertInstanceOf(ElevatedPlatform.class, bridge.platform());
    assertEquals("macos", bridge.platform().name());

    bridge.platform().interfaces().find("tap1");
    assertEquals(List.of(), helpers, "reading needs no root, so no helper yet");

    bridge.platform().interfaces().setUp("tap1", true);
    bridge.platform().tapDevices().claim("tap1", "ada");
    assertEquals(1, helpers.size());
    assertEquals(List.of("setUp tap1 true", "claim tap1 ada"), root.calls);
    assertEquals(List.of("find tap1"), user.calls, "no change reached the user's platform");

    bridge.close();
    assertTrue(helpers.get(0).waitFor(5, TimeUnit.SECONDS), "closing the bridge ended the helper's input, so it exited");
    assertEquals(ElevatedHelperMain.SERVED, helpers.get(0).exitValue());
  }

  @Test
  void onMacosAsRootThePlatformIsUsedAsItIs() {
    HostBridge.Builder builder = factory(user, () -> true, Map.of()).builder(config());
    assertSame(user, builder.discoverPlugins(false).build().platform());
    assertEquals("", err.toString());
  }

  @Test
  void onLinuxThePlatformIsUsedAsItIsWhoeverRuns() {
    RecordingPlatform linux = new RecordingPlatform("linux");
    RootCheck mustNotBeAsked = () -> {
      throw new AssertionError("the uid matters on macOS only");
    };
    assertSame(linux, factory(linux, mustNotBeAsked, Map.of()).builder(config()).discoverPlugins(false).build().platform());
  }

  @Test
  void rootThroughSudoOnMacosIsWarnedAboutAndChangesNothingElse() {
    HostBridge bridge = factory(user, () -> true, Map.of("SUDO_USER", "ada")).builder(config()).discoverPlugins(false).build();
    assertSame(user, bridge.platform());
    String warning = err.toString();
    assertTrue(warning.startsWith("host-bridge: warning: running as root through sudo."), warning);
    assertTrue(warning.contains("run host-bridge as ada, without sudo"), warning);
    assertTrue(warning.contains("Docker Desktop must keep running as ada"), warning);
    assertFalse(warning.contains("%"), warning);
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
}
