package dev.hostbridge.core.steps;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeEvent;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.core.HostBridge;
import dev.hostbridge.core.Settings;
import dev.hostbridge.core.internal.Seams;
import dev.hostbridge.core.steps.shim.LauncherFile;
import dev.hostbridge.core.steps.shim.LauncherKind;
import dev.hostbridge.core.steps.shim.ShimScript;
import dev.hostbridge.core.testing.FakeDockerEngine;
import dev.hostbridge.testkit.FakePlatform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Mac in memory: a Docker.app with an executable launcher, a platform, an engine and a VM.
 * Restarting the VM acts like hyperkit: when the launcher is our shim, the VM gets a NIC with
 * the shim's MAC (down) and the host gets the tap interface; otherwise neither.
 */
final class FakeMachine {

  static final byte[] LAUNCHER_BYTES = "\u007fELF fake hyperkit binary\u0000\u0001".getBytes(StandardCharsets.ISO_8859_1);

  final Path root;
  final Path app;
  final Path launcher;
  final FakePlatform platform = new FakePlatform();
  final FakeDockerEngine docker = new FakeDockerEngine();
  final List<BridgeEvent> events = new ArrayList<>();
  final Map<ConfigKey, String> settings = new java.util.EnumMap<>(ConfigKey.class);

  FakeMachine(Path root) throws Exception {
    this.root = root;
    this.app = root.resolve("Docker.app");
    this.launcher = app.resolve("Contents/Resources/bin/com.docker.hyperkit");
    Files.createDirectories(launcher.getParent());
    Files.write(launcher, LAUNCHER_BYTES);
    platform.dockerApps.add(app);
    platform.onRestart = this::bootVm;
    settings.put(ConfigKey.STATE_DIR, root.resolve("state").toString());
  }

  void bootVm() {
    docker.vmNics.remove("eth1");
    platform.removeInterface("tap1");
    LauncherFile.Classification launched = LauncherFile.classify(launcher);
    if (launched.kind() == LauncherKind.OURS) {
      ShimScript.Identity identity = launched.identity().orElseThrow();
      docker.vmNics.put("eth1", new FakeDockerEngine.VmNic(identity.mac(), false));
      platform.addInterface(identity.device(), "aa:bb:cc:00:00:01");
    }
  }

  BridgeConfig config() {
    Settings.Builder builder = Settings.builder().osName("Linux").invokingUser("ada").home(root);
    settings.forEach(builder::set);
    return builder.build();
  }

  HostBridge bridge() {
    BridgeConfig config = config();
    DaemonWaiter waiter = new DaemonWaiter(endpoint -> docker.reachable ? Optional.empty() : Optional.of("down"),
        Duration.ofMillis(200), Duration.ofMillis(10));
    HostBridge.Builder builder = HostBridge.builder(config)
        .platform(platform)
        .discoverPlugins(false)
        .addListener(BridgeEvent.class, events::add);
    Seams.dockerEngine(builder, () -> docker);
    Seams.builtInSteps(builder, (c, engine) -> BuiltInSteps.create(c, engine,
        endpoint -> docker.reachable ? Optional.empty() : Optional.of("down"), waiter, Duration.ofMillis(100), Duration.ofMillis(10)));
    return builder.build();
  }

  byte[] launcherBytes() throws Exception {
    return Files.readAllBytes(launcher);
  }
}
