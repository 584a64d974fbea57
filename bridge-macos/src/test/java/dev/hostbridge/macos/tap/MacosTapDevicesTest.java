package dev.hostbridge.macos.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.core.platform.CommandRunner;
import dev.hostbridge.macos.testing.FakeRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fake file system root: a device node is a symbolic link to /dev/null, the one character
 * device every Unix has; a plain file stands for something that is not a device.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class MacosTapDevicesTest {

  @TempDir Path root;
  Path dev;
  final FakeRunner runner = new FakeRunner();
  MacosTapDevices intel;

  @BeforeEach
  void setUp() throws IOException {
    dev = Files.createDirectories(root.resolve("dev"));
    intel = new MacosTapDevices(root, runner, false);
  }

  /** Removes the links to /dev/null before JUnit cleans the directory (it warns about links leaving it). */
  @AfterEach
  void removeDeviceLinks() throws IOException {
    try (var entries = Files.list(dev)) {
      for (Path entry : entries.toList()) {
        if (Files.isSymbolicLink(entry)) {
          Files.delete(entry);
        }
      }
    }
  }

  void device(String name) throws IOException {
    Files.createSymbolicLink(dev.resolve(name), Path.of("/dev/null"));
  }

  @Test
  void charDeviceIsRecognisedByItsMode() throws IOException {
    assertTrue(MacosTapDevices.isCharDevice(Path.of("/dev/null")));
    Path plain = Files.createFile(root.resolve("plain"));
    assertFalse(MacosTapDevices.isCharDevice(plain));
    assertFalse(MacosTapDevices.isCharDevice(root.resolve("missing")));
    assertFalse(MacosTapDevices.isCharDevice(root), "a directory is not a device");
  }

  @Test
  void driverIsPresentWhenAnyTapNodeIsACharDevice() throws IOException {
    assertFalse(intel.driverPresent());
    Files.createFile(dev.resolve("tap1"));
    assertFalse(intel.driverPresent(), "a plain file named tap1 is no driver");
    device("tap15");
    assertTrue(intel.driverPresent());
  }

  @Test
  void ownerOfADeviceAndOfNone() throws IOException {
    device("tap1");
    assumeTrue(Files.getOwner(Path.of("/dev/null")).getName().equals("root"), "/dev/null is not root's here");
    assertEquals(Optional.of("root"), intel.owner("tap1"));
    assertEquals(Optional.empty(), intel.owner("tap2"));
  }

  @Test
  void claimWithoutTheDriverSaysWhatToInstall() {
    BridgeException e = assertThrows(BridgeException.class, () -> intel.claim("tap1", "alice"));
    assertEquals(BridgeException.Kind.PREREQUISITE, e.kind());
    assertTrue(e.remedy().contains("tuntaposx"));
  }

  @Test
  void claimForAnUnknownUserIsAUserError() throws IOException {
    device("tap1");
    BridgeException e = assertThrows(BridgeException.class, () -> intel.claim("tap1", "hb-no-such-user-4711"));
    assertEquals("macos.user.unknown", e.code());
  }

  @Test
  void releaseOfAMissingDeviceIsQuiet() {
    intel.release("tap3");
  }

  @Test
  void deviceNamesOutsideTap0To15AreRefused() {
    for (String bad : List.of("tap16", "../etc/passwd", "tun0", "tap1/", "")) {
      BridgeException e = assertThrows(BridgeException.class, () -> intel.owner(bad), bad);
      assertEquals(BridgeException.Kind.USER, e.kind());
    }
  }

  @Test
  void remedyTellsWhereToGetTheDriverAndAboutApproval() {
    String remedy = intel.driverRemedy();
    assertTrue(remedy.contains("tuntaposx.sourceforge.net"), remedy);
    assertTrue(remedy.contains("Apple Silicon"), remedy);
    assertTrue(remedy.contains("System Settings"), remedy);
    String silicon = new MacosTapDevices(root, runner, true).driverRemedy();
    assertTrue(silicon.contains("never worked on Apple Silicon"), silicon);
  }

  @Test
  void installRunsInstallerThenKmutilWhereItExists() throws IOException {
    Path pkg = Files.createFile(root.resolve("tuntap_20150118.pkg"));
    Path kmutil = Files.createDirectories(root.resolve("usr/bin")).resolve("kmutil");
    Files.createFile(kmutil).toFile().setExecutable(true);
    runner.behaviour = argv -> {
      if (argv.get(0).endsWith("kmutil")) {
        try {
          device("tap0"); // the kext is loaded: its nodes appear
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
      return FakeRunner.result(0, "");
    };
    intel.installDriver(pkg);
    assertEquals(List.of(
        List.of(root.resolve("usr/sbin/installer").toString(), "-pkg", pkg.toString(), "-target", "/"),
        List.of(kmutil.toString(), "load", "-p", root.resolve("Library/Extensions/tap.kext").toString())),
        runner.commands);
  }

  @Test
  void installFallsBackToKextloadOnOlderSystems() throws IOException {
    Path pkg = Files.createFile(root.resolve("tuntap.pkg"));
    runner.behaviour = argv -> FakeRunner.result(0, "");
    BridgeException e = assertThrows(BridgeException.class, () -> intel.installDriver(pkg));
    assertEquals(List.of(root.resolve("sbin/kextload").toString(), root.resolve("Library/Extensions/tap.kext").toString()),
        runner.commands.get(1));
    assertEquals("macos.tuntap.not-approved", e.code(), "loaded without error, but no nodes: approval is pending");
    assertTrue(e.remedy().contains("Privacy & Security"));
  }

  @Test
  void installSkipsLoadingWhenThePackageAlreadyLoadedIt() throws IOException {
    Path pkg = Files.createFile(root.resolve("tuntap.pkg"));
    device("tap0");
    intel.installDriver(pkg);
    assertEquals(1, runner.commands.size());
  }

  @Test
  void aRefusedKextLoadAsksForApproval() throws IOException {
    Path pkg = Files.createFile(root.resolve("tuntap.pkg"));
    runner.behaviour = argv -> FakeRunner.result(argv.get(0).endsWith("installer") ? 0 : 27,
        "Error: the extension was not loaded\nSystem extension blocked");
    BridgeException e = assertThrows(BridgeException.class, () -> intel.installDriver(pkg));
    assertEquals("macos.tuntap.load-failed", e.code());
    assertEquals(BridgeException.Kind.PREREQUISITE, e.kind());
    assertTrue(e.getMessage().contains("System extension blocked"), e.getMessage());
  }

  /** What tuntaposx's installer leaves when its postinstall kextload is refused: the kext in place, exit 1. */
  void installerPutsTheKextInPlaceButFails() {
    runner.behaviour = argv -> {
      if (argv.get(0).endsWith("installer")) {
        try {
          Files.createDirectories(root.resolve("Library/Extensions/tap.kext/Contents"));
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        return FakeRunner.result(1, "installer: The install failed. (The Installer encountered an error ...)");
      }
      return FakeRunner.result(27, "Error Domain=KMErrorDomain Code=27 \"Extension not approved\"");
    };
  }

  @Test
  void anInstallerThatFailsOnlyBecauseItsKextloadWasRefusedAsksForApproval() throws IOException {
    Path pkg = Files.createFile(root.resolve("tuntap_20150118.pkg"));
    installerPutsTheKextInPlaceButFails();
    BridgeException e = assertThrows(BridgeException.class, () -> intel.installDriver(pkg));
    assertEquals(2, runner.commands.size(), "went on to load the kext: " + runner.commands);
    assertEquals("macos.tuntap.load-failed", e.code(), "not a bad package: " + e.getMessage());
    assertEquals(BridgeException.Kind.PREREQUISITE, e.kind());
    assertTrue(e.getMessage().contains("installer exited 1"), e.getMessage());
    assertTrue(e.remedy().contains("Privacy & Security") && e.remedy().contains("Allow")
        && e.remedy().contains("restart"), e.remedy());
  }

  @Test
  void anInstallerThatFailedButWhoseKextLoadsIsADriverInstalled() throws IOException {
    Path pkg = Files.createFile(root.resolve("tuntap.pkg"));
    installerPutsTheKextInPlaceButFails();
    java.util.function.Function<List<String>, CommandRunner.Result> failing = runner.behaviour;
    runner.behaviour = argv -> {
      if (argv.get(0).endsWith("kextload")) {
        try {
          device("tap1"); // approved meanwhile: the load works and the nodes appear
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        return FakeRunner.result(0, "");
      }
      return failing.apply(argv);
    };
    intel.installDriver(pkg);
    assertTrue(intel.driverPresent());
  }

  @Test
  void aKextLeftFromBeforeDoesNotExcuseAnInstallerThatFailedWithoutTouchingIt() throws IOException {
    Path pkg = Files.createFile(root.resolve("not-tuntap.pkg"));
    Files.createDirectories(root.resolve("Library/Extensions/tap.kext/Contents"));
    runner.behaviour = argv -> FakeRunner.result(1, "installer: Error - the package path specified was invalid");
    BridgeException e = assertThrows(BridgeException.class, () -> intel.installDriver(pkg));
    assertEquals("macos.tuntap.install-failed", e.code(), e.getMessage());
    assertEquals(1, runner.commands.size(), "no load was tried");
  }

  @Test
  void theRemedyOfAnInstalledButUnapprovedKextIsTheApprovalNotTheDownload() throws IOException {
    assertTrue(intel.driverRemedy().contains("tuntaposx.sourceforge.net"));
    Files.createDirectories(root.resolve("Library/Extensions/tap.kext"));
    String remedy = intel.driverRemedy();
    assertTrue(remedy.contains("installed") && remedy.contains("Privacy & Security"), remedy);
    assertFalse(remedy.contains("sourceforge"), remedy);
  }

  @Test
  void aFailedInstallerIsReportedWithItsOutput() throws IOException {
    Path pkg = Files.createFile(root.resolve("tuntap.pkg"));
    runner.behaviour = argv -> FakeRunner.result(1, "installer: Must be run as root to install this package.");
    BridgeException e = assertThrows(BridgeException.class, () -> intel.installDriver(pkg));
    assertEquals("macos.tuntap.install-failed", e.code());
    assertTrue(e.getMessage().contains("Must be run as root"));
    assertEquals(1, runner.commands.size());
  }

  @Test
  void noInstallOnAppleSiliconNorOfAMissingPackage() {
    BridgeException silicon = assertThrows(BridgeException.class,
        () -> new MacosTapDevices(root, runner, true).installDriver(root.resolve("x.pkg")));
    assertEquals(BridgeException.Kind.PREREQUISITE, silicon.kind());
    BridgeException missing = assertThrows(BridgeException.class, () -> intel.installDriver(root.resolve("missing.pkg")));
    assertEquals(BridgeException.Kind.USER, missing.kind());
    assertTrue(runner.commands.isEmpty());
  }
}
