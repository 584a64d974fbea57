package dev.hostbridge.macos.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.core.Settings;
import dev.hostbridge.macos.MacHost;
import dev.hostbridge.macos.testing.FakeRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend check against fake Docker.app bundles and settings files, as the issue asks: a
 * Docker Desktop that does not use HyperKit must be reported with what was found and why.
 */
class DockerDesktopVmTest {

  static final MacHost INTEL_MONTEREY = new MacHost(false, "12.6.1");
  static final MacHost INTEL_BIG_SUR = new MacHost(false, "11.7.10");
  static final MacHost APPLE_SILICON = new MacHost(true, "14.2");

  @TempDir Path home;
  final FakeRunner runner = new FakeRunner();
  final List<Duration> sleeps = new ArrayList<>();

  BridgeConfig config(String... keyValues) {
    Settings.Builder builder = Settings.builder().osName("Mac OS X").home(home).environment(Map.of());
    for (int i = 0; i < keyValues.length; i += 2) {
      builder.set(ConfigKey.valueOf(keyValues[i]), keyValues[i + 1]);
    }
    return builder.build();
  }

  DockerDesktopVm vm(MacHost host, DockerProcesses processes, String... config) {
    return new DockerDesktopVm(config(config), () -> host, runner, processes,
        new DockerDesktopVm.QuitWait(Duration.ofSeconds(3), Duration.ofSeconds(1), sleeps::add));
  }

  DockerDesktopVm vm(MacHost host) {
    return vm(host, app -> false);
  }

  Path app(String version, boolean hyperkit) throws IOException {
    return FakeDockerApp.app(home.resolve("Applications/Docker.app"), version, hyperkit);
  }

  @Test
  void candidatesAreTheSystemThenTheUserApplicationsFolder() {
    assertEquals(List.of(Path.of("/Applications/Docker.app"), home.resolve("Applications/Docker.app")),
        vm(INTEL_MONTEREY).dockerAppCandidates());
  }

  @Test
  void hyperkitChosenInTheSettingsOnIntelIsSupported() throws IOException {
    Path app = app("4.12.0", true);
    FakeDockerApp.settings(home, "settings.json", "{\"useVirtualizationFramework\": false, \"cpus\": 2}");
    assertEquals(Optional.empty(), vm(INTEL_MONTEREY).unsupportedBackend(app));
  }

  @Test
  void virtualizationFrameworkIsReportedWithTheEvidenceAndWhatToChange() throws IOException {
    Path app = app("4.25.0", true);
    Path store = FakeDockerApp.settings(home, "settings-store.json", "{\"UseVirtualizationFramework\": true}");
    String reason = vm(INTEL_MONTEREY).unsupportedBackend(app).orElseThrow();
    assertTrue(reason.startsWith("Docker Desktop 4.25.0 at " + app + " uses the Apple Virtualization framework"), reason);
    assertTrue(reason.contains("UseVirtualizationFramework is true in " + store), reason);
    assertTrue(reason.contains("needs the HyperKit backend on an Intel Mac"), reason);
    assertTrue(reason.contains("Settings > General"), reason);
  }

  @Test
  void olderSettingsFileWithCamelCaseKeysCountsToo() throws IOException {
    Path app = app("4.20.1", true);
    FakeDockerApp.settings(home, "settings.json", "{\"useVirtualizationFramework\": true}");
    assertTrue(vm(INTEL_MONTEREY).unsupportedBackend(app).orElseThrow().contains("Apple Virtualization framework"));
  }

  @Test
  void dockerVmmIsReported() throws IOException {
    Path app = app("4.36.0", true);
    FakeDockerApp.settings(home, "settings-store.json",
        "{\"UseLibkrun\": true, \"UseVirtualizationFramework\": false}");
    String reason = vm(INTEL_MONTEREY).unsupportedBackend(app).orElseThrow();
    assertTrue(reason.contains("uses Docker VMM (libkrun) (UseLibkrun is true"), reason);
  }

  @Test
  void virtioFsImpliesTheVirtualizationFramework() throws IOException {
    Path app = app("4.16.0", true);
    FakeDockerApp.settings(home, "settings.json", "{\"useVirtualizationFrameworkVirtioFS\": true}");
    assertTrue(vm(INTEL_MONTEREY).unsupportedBackend(app).orElseThrow().contains("VirtioFS"));
  }

  @Test
  void anExplicitFrameworkSwitchWinsOverAVirtioFsLeftOn() throws IOException {
    Path app = app("4.16.0", true);
    FakeDockerApp.settings(home, "settings.json",
        "{\"UseVirtualizationFramework\": false, \"UseVirtualizationFrameworkVirtioFS\": true}");
    assertEquals(Optional.empty(), vm(INTEL_MONTEREY).unsupportedBackend(app), "the framework is off: HyperKit");
    FakeDockerApp.settings(home, "settings.json",
        "{\"UseVirtualizationFrameworkVirtioFS\": true, \"useVirtualizationFramework\": false}");
    assertEquals(Optional.empty(), vm(INTEL_MONTEREY).unsupportedBackend(app), "whatever the order of the keys");
  }

  @Test
  void qemuOnAppleSiliconSaysItIsDeprecatedAndWhatToChooseInstead() throws IOException {
    Path app = app("4.41.0", false);
    FakeDockerApp.settings(home, "settings-store.json", "{\"UseVirtualizationFramework\": false}");
    String reason = vm(APPLE_SILICON).unsupportedBackend(app).orElseThrow();
    assertTrue(reason.contains("deprecated"), reason);
    assertTrue(reason.contains("choose Apple Virtualization framework"), reason);
    assertTrue(reason.contains("cannot serve this Mac whichever you choose"), reason);
  }

  @Test
  void appleSiliconNeverRanHyperkitWhateverTheSettingsSay() throws IOException {
    Path app = app("4.30.0", false);
    FakeDockerApp.settings(home, "settings-store.json", "{\"UseVirtualizationFramework\": false}");
    String reason = vm(APPLE_SILICON).unsupportedBackend(app).orElseThrow();
    assertTrue(reason.contains("uses QEMU"), reason);
    assertTrue(reason.contains("Apple Silicon, where Docker Desktop never ran HyperKit"), reason);
  }

  @Test
  void anAppWithoutHyperkitCannotUseIt() throws IOException {
    Path app = app("4.40.0", false);
    FakeDockerApp.settings(home, "settings-store.json", "{\"UseVirtualizationFramework\": false}");
    String reason = vm(INTEL_MONTEREY).unsupportedBackend(app).orElseThrow();
    assertTrue(reason.contains("no hyperkit binary"), reason);
    assertTrue(reason.contains("no longer ships HyperKit"), reason);
  }

  @Test
  void withoutSettingsTheVersionAndMacosDecide() throws IOException {
    Path app = app("4.20.0", true);
    String reason = vm(INTEL_MONTEREY).unsupportedBackend(app).orElseThrow();
    assertTrue(reason.contains("default of Docker Desktop 4.14 and later on macOS 12.5"), reason);
    assertTrue(reason.contains("there is no settings file"), reason);
    assertEquals(Optional.empty(), vm(INTEL_BIG_SUR).unsupportedBackend(app), "before macOS 12.5 HyperKit stays the default");
    Path older = FakeDockerApp.app(home.resolve("Older/Docker.app"), "4.13.1", true);
    assertEquals(Optional.empty(), vm(INTEL_MONTEREY).unsupportedBackend(older));
  }

  @Test
  void yearNumberedReleasesAreHyperkitEraVersions() throws IOException {
    Path app = app("18.06.1-ce-mac73", true);
    assertEquals(Optional.empty(), vm(INTEL_MONTEREY).unsupportedBackend(app));
  }

  @Test
  void anUnreadableSettingsFileIsMentionedAndTheDefaultsApply() throws IOException {
    Path app = app("4.20.0", true);
    FakeDockerApp.settings(home, "settings-store.json", "{broken");
    String reason = vm(INTEL_MONTEREY).unsupportedBackend(app).orElseThrow();
    assertTrue(reason.contains("could not be read"), reason);
  }

  @Test
  void aMissingAppIsReported() {
    Path app = home.resolve("Applications/Docker.app");
    assertTrue(vm(INTEL_MONTEREY).unsupportedBackend(app).orElseThrow().startsWith("there is no Docker Desktop at " + app));
  }

  @Test
  void restartRunsTheConfiguredCommandOnly() {
    vm(INTEL_MONTEREY, app -> true, "RESTART_COMMAND", "docker desktop restart").restart();
    assertEquals(List.of(List.of("docker", "desktop", "restart")), runner.commands);
  }

  @Test
  void aFailingRestartCommandIsADockerError() {
    runner.behaviour = argv -> FakeRunner.result(2, "unknown command");
    BridgeException e = assertThrows(BridgeException.class,
        () -> vm(INTEL_MONTEREY, app -> false, "RESTART_COMMAND", "docker desktop restart").restart());
    assertEquals(BridgeException.Kind.DOCKER, e.kind());
    assertTrue(e.getMessage().contains("unknown command"));
  }

  @Test
  void restartQuitsWaitsUntilTheAppIsGoneThenOpensIt() throws IOException {
    Path app = app("4.12.0", true);
    int[] looks = {0};
    DockerProcesses stillRunningTwice = dockerApp -> {
      assertEquals(app, dockerApp);
      return ++looks[0] <= 2;
    };
    vm(INTEL_MONTEREY, stillRunningTwice, "DOCKER_APP", app.toString()).restart();
    assertEquals(List.of(
        List.of("/usr/bin/osascript", "-e", "quit app \"Docker\""),
        List.of("/usr/bin/open", "--background", "-a", app.toString())), runner.commands);
    assertEquals(2, sleeps.size(), "opened only after the processes were gone");
  }

  @Test
  void restartFindsTheAppAmongTheCandidates() throws IOException {
    Path app = app("4.12.0", true); // ~/Applications/Docker.app; /Applications has none here
    vm(INTEL_MONTEREY).restart();
    assertEquals(List.of("/usr/bin/open", "--background", "-a",
        Path.of("/Applications/Docker.app").toFile().isDirectory() ? "/Applications/Docker.app" : app.toString()),
        runner.commands.get(1));
  }

  @Test
  void restartGivesUpWhenDockerDoesNotQuit() throws IOException {
    Path app = app("4.12.0", true);
    BridgeException e = assertThrows(BridgeException.class,
        () -> vm(INTEL_MONTEREY, dockerApp -> true, "DOCKER_APP", app.toString()).restart());
    assertEquals("macos.docker.quit-timeout", e.code());
    assertEquals(1, runner.commands.size(), "never opened while the old VM still ran");
  }

  @Test
  void aFailedQuitStopsTheRestart() {
    runner.behaviour = argv -> FakeRunner.result(1, "execution error: Not authorised to send Apple events");
    BridgeException e = assertThrows(BridgeException.class, () -> vm(INTEL_MONTEREY).restart());
    assertEquals("macos.docker.quit-failed", e.code());
    assertTrue(e.getMessage().contains("Not authorised"));
  }
}
