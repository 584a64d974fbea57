package dev.hostbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.core.HostBridge;
import dev.hostbridge.core.docker.DockerEndpoint;
import dev.hostbridge.core.platform.CommandRunner;
import dev.hostbridge.macos.MacHost;
import dev.hostbridge.macos.docker.DockerDesktopVm;
import dev.hostbridge.macos.privileged.ElevatedPlatform;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {

  @TempDir Path home;
  @TempDir Path state;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  /** The doctor's world: a platform, and the Docker endpoint that answered. */
  static final class FakeFactory implements BridgeFactory {
    final HostPlatform platform;
    Supplier<DockerEndpoint> docker = () -> new DockerEndpoint(URI.create("unix:///fake/docker.sock"), "socket");

    FakeFactory(HostPlatform platform) {
      this.platform = platform;
    }

    @Override
    public HostBridge.Builder builder(BridgeConfig config) {
      return HostBridge.builder(config).platform(platform).withoutBuiltInSteps().discoverPlugins(false);
    }

    @Override
    public DockerEndpoint dockerEndpoint(BridgeConfig config, Map<String, String> environment) {
      return docker.get();
    }
  }

  int doctor(BridgeFactory factory, String... args) {
    List<String> argv = new ArrayList<>(List.of("doctor", "--state-dir", state.toString()));
    argv.addAll(List.of(args));
    return Main.run(argv.toArray(String[]::new), Main.environment(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true)),
        Main.bridgeFactory(factory));
  }

  String output() {
    return out.toString();
  }

  /** Docker Desktop for Mac as the real macOS platform sees it, on an Intel Mac with macOS 12.6.1, under a fake home. */
  HostPlatform macos(boolean driverPresent) {
    RecordingPlatform platform = new RecordingPlatform("macos");
    platform.driverPresent = driverPresent;
    BridgeConfig config = BridgeConfig.builder().osName("Mac OS X").home(home).environment(Map.of()).build();
    // Info.plist is XML here, so the runner is never called; the processes are only looked at on restart.
    platform.dockerVm = new DockerDesktopVm(config, () -> new MacHost(false, "12.6.1"), new CommandRunner(Duration.ofSeconds(5)),
        app -> false, DockerDesktopVm.QuitWait.standard());
    // As a user's run sees it: wrapped for the helper, which the doctor must never need.
    return new ElevatedPlatform(platform, request -> fail("the doctor asked for root: " + request.toArgv()));
  }

  Path dockerApp(String version, String settingsFile, String settings) throws IOException {
    Path app = home.resolve("Applications/Docker.app");
    Files.createDirectories(app.resolve("Contents/Resources/bin"));
    Files.writeString(app.resolve("Contents/Resources/bin/com.docker.hyperkit"), "binary");
    Files.writeString(app.resolve("Contents/Info.plist"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
        + "<plist version=\"1.0\"><dict>\n<key>CFBundleIdentifier</key><string>com.docker.docker</string>\n"
        + "<key>CFBundleShortVersionString</key><string>" + version + "</string>\n</dict></plist>\n");
    Path group = Files.createDirectories(home.resolve("Library/Group Containers/group.com.docker"));
    Files.writeString(group.resolve(settingsFile), settings);
    return app;
  }

  @Test
  void aHealthyLinuxMachineIsReportedLineByLineAndExitsZero() {
    assertEquals(0, doctor(new FakeFactory(new RecordingPlatform("linux")), "--platform", "linux"));
    String report = output();
    assertTrue(report.contains("  platform       linux (--platform)\n"), report);
    assertTrue(report.contains("  java           " + System.getProperty("java.version") + " by "), report);
    assertTrue(report.matches("(?s).*\n  host-bridge    [0-9][^ ]* \\(the version Maven wrote into the jar\\)\n.*"), report);
    assertTrue(report.contains("  docker         unix:///fake/docker.sock answered a ping (found by: socket)\n"), report);
    assertTrue(report.contains("  tap driver     loaded (checked that /dev/net/tun is a character device)\n"), report);
    assertTrue(report.endsWith("doctor: no problem found\n"), report);
    assertFalse(report.contains("docker.app"), "Docker Desktop is looked for on macOS only");
  }

  @Test
  void unreachableDockerListsEveryAttemptExitsFourAndTheOtherChecksStillRun() {
    RecordingPlatform linux = new RecordingPlatform("linux");
    linux.driverPresent = false;
    // The real lookup (DockerEngines.resolve), pointed at a socket that is not there.
    BridgeFactory factory = config -> HostBridge.builder(config).platform(linux).withoutBuiltInSteps().discoverPlugins(false);
    Path socket = state.resolve("no-docker.sock");
    assertEquals(4, doctor(factory, "--platform", "linux", "--docker-host", "unix://" + socket));
    String report = output();
    assertTrue(report.contains("  docker         PROBLEM: no Docker engine answered; tried:\n"), report);
    assertTrue(report.contains("--docker-host unix://" + socket + ": no socket at " + socket), report);
    assertTrue(report.contains("fix: Start Docker"), report);
    assertTrue(report.contains("  tap driver     PROBLEM: not loaded"), report);
    assertTrue(report.endsWith("doctor: 2 problem(s) found\n"), report);
  }

  @Test
  void aMissingDriverExitsThreeWithThePlatformsRemedy() {
    RecordingPlatform linux = new RecordingPlatform("linux");
    linux.driverPresent = false;
    assertEquals(3, doctor(new FakeFactory(linux), "--platform", "linux"));
    assertTrue(output().contains("  tap driver     PROBLEM: not loaded (checked that /dev/net/tun is a character device)\n"
        + "                 fix: load the fake driver\n"), output());
  }

  @Test
  void dockerDesktopWithHyperkitOnMacosIsAllRight() throws IOException {
    Path app = dockerApp("4.12.0", "settings.json", "{\"useVirtualizationFramework\": false}");
    assertEquals(0, doctor(new FakeFactory(macos(true)), "--platform", "macos", "--docker-app", app.toString()));
    String report = output();
    assertTrue(report.contains("  docker.app     " + app + " (given by --docker-app)\n"), report);
    assertTrue(report.contains("  app version    4.12.0 (CFBundleShortVersionString in Contents/Info.plist)\n"), report);
    assertTrue(report.contains("  macos          12.6.1 on Intel (sysctl kern.osproductversion, hw.optional.arm64)\n"), report);
    assertTrue(report.contains("  hyperkit       " + app.resolve("Contents/Resources/bin/com.docker.hyperkit") + "\n"), report);
    assertTrue(report.contains("  vm backend     HyperKit (UseVirtualizationFramework is false in "), report);
    assertTrue(report.contains("  tap driver     loaded (checked that one of /dev/tap0../dev/tap15 is a character device)\n"), report);
  }

  @Test
  void anotherVmBackendIsAMissingPrerequisiteWithItsReason() throws IOException {
    Path app = dockerApp("4.25.0", "settings-store.json", "{\"UseVirtualizationFramework\": true}");
    assertEquals(3, doctor(new FakeFactory(macos(true)), "--platform", "macos", "--docker-app", app.toString()));
    String report = output();
    assertTrue(report.contains("  vm backend     PROBLEM: Docker Desktop 4.25.0 at " + app
        + " uses the Apple Virtualization framework (UseVirtualizationFramework is true in "), report);
    assertTrue(report.contains("Settings > General"), report);
  }

  @Test
  void noDockerAppIsAMissingPrerequisiteNamingWhereItLooked() {
    assumeFalse(Files.isDirectory(Path.of("/Applications/Docker.app")), "this machine has a real Docker.app");
    assertEquals(3, doctor(new FakeFactory(macos(true)), "--platform", "macos"));
    assertTrue(output().contains("  docker.app     PROBLEM: no Docker.app at /Applications/Docker.app, "
        + home.resolve("Applications/Docker.app") + "\n"), output());
  }

  @Test
  void theCommandIsListedInTheHelp() {
    assertEquals(0, Main.run(new String[] {"--help"}, Main.environment(Map.of(), new PrintWriter(out, true),
        new PrintWriter(err, true)), Main.bridgeFactory(config -> fail("help builds no bridge"))));
    assertTrue(output().contains("doctor"), output());
  }
}
