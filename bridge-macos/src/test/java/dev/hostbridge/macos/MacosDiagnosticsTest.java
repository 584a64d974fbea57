package dev.hostbridge.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.api.Diagnostic;
import dev.hostbridge.api.TapDevices;
import dev.hostbridge.core.Settings;
import dev.hostbridge.core.platform.CommandRunner;
import dev.hostbridge.macos.docker.DockerDesktopVm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the macOS platform tells the doctor, from fake Docker.app bundles under a fake home, on an Intel Mac with 12.6.1. */
class MacosDiagnosticsTest {

  @TempDir Path home;
  boolean driverPresent = true;

  final TapDevices tapDevices = new TapDevices() {
    @Override
    public boolean driverPresent() {
      return driverPresent;
    }

    @Override
    public String driverRemedy() {
      return "install tuntaposx";
    }

    @Override
    public void installDriver(Path installerPackage) {
      throw new AssertionError("the doctor changes nothing");
    }

    @Override
    public Optional<String> owner(String device) {
      return Optional.empty();
    }

    @Override
    public void claim(String device, String user) {
      throw new AssertionError("the doctor changes nothing");
    }

    @Override
    public void release(String device) {
      throw new AssertionError("the doctor changes nothing");
    }
  };

  List<Diagnostic> diagnostics(String... dockerApp) {
    Settings.Builder builder = Settings.builder().osName("Mac OS X").home(home).environment(Map.of());
    if (dockerApp.length > 0) {
      builder.set(ConfigKey.DOCKER_APP, dockerApp[0]);
    }
    BridgeConfig config = builder.build();
    // Info.plist is XML here, so the runner is never called; the processes are only looked at on restart.
    DockerDesktopVm vm = new DockerDesktopVm(config, () -> new MacHost(false, "12.6.1"), new CommandRunner(Duration.ofSeconds(5)),
        app -> false, DockerDesktopVm.QuitWait.standard());
    return new MacosDiagnostics(config, vm, tapDevices).collect();
  }

  static String text(List<Diagnostic> diagnostics, String subject) {
    return diagnostics.stream().filter(d -> d.subject().equals(subject)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + subject + " in " + diagnostics)).text();
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
  void dockerDesktopWithHyperkitIsAllRight() throws IOException {
    Path app = dockerApp("4.12.0", "settings.json", "{\"useVirtualizationFramework\": false}");
    List<Diagnostic> found = diagnostics(app.toString());
    assertTrue(found.stream().noneMatch(d -> d.problem().isPresent()), found.toString());
    assertEquals(app + " (given by --docker-app)", text(found, "docker.app"));
    assertEquals("4.12.0 (CFBundleShortVersionString in Contents/Info.plist)", text(found, "app version"));
    assertEquals("12.6.1 on Intel (sysctl kern.osproductversion, hw.optional.arm64)", text(found, "macos"));
    assertEquals(app.resolve("Contents/Resources/bin/com.docker.hyperkit").toString(), text(found, "hyperkit"));
    assertTrue(text(found, "vm backend").startsWith("HyperKit (UseVirtualizationFramework is false in "), found.toString());
    assertEquals("loaded (checked that one of /dev/tap0../dev/tap15 is a character device)", text(found, "tap driver"));
  }

  @Test
  void anotherVmBackendIsAMissingPrerequisiteWithItsReason() throws IOException {
    Path app = dockerApp("4.25.0", "settings-store.json", "{\"UseVirtualizationFramework\": true}");
    Diagnostic backend = diagnostics(app.toString()).stream().filter(d -> d.subject().equals("vm backend")).findFirst().orElseThrow();
    assertEquals(Optional.of(BridgeException.Kind.PREREQUISITE), backend.problem());
    assertTrue(backend.text().startsWith("Docker Desktop 4.25.0 at " + app + " uses the Apple Virtualization framework"), backend.text());
    assertTrue(backend.text().contains("Settings > General"), backend.text());
  }

  @Test
  void noDockerAppIsAMissingPrerequisiteNamingWhereItLooked() {
    assumeFalse(Files.isDirectory(Path.of("/Applications/Docker.app")), "this machine has a real Docker.app");
    Diagnostic app = diagnostics().get(0);
    assertEquals("docker.app", app.subject());
    assertEquals(Optional.of(BridgeException.Kind.PREREQUISITE), app.problem());
    assertEquals("no Docker.app at /Applications/Docker.app, " + home.resolve("Applications/Docker.app"), app.text());
  }

  @Test
  void aMissingDriverIsAProblemWithTheRemedy() {
    driverPresent = false;
    Diagnostic driver = diagnostics().stream().filter(d -> d.subject().equals("tap driver")).findFirst().orElseThrow();
    assertEquals(Optional.of(BridgeException.Kind.PREREQUISITE), driver.problem());
    assertEquals("install tuntaposx", driver.remedy());
  }
}
