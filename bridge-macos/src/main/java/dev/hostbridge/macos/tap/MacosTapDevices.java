package dev.hostbridge.macos.tap;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.TapDevices;
import dev.hostbridge.core.platform.CommandRunner;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * tuntaposx's tap devices: the nodes /dev/tap0../dev/tap15, which exist as character devices
 * while the kext is loaded. hyperkit runs as the user and opens /dev/tapN itself, so "claiming"
 * a device is giving the user its ownership (a chown, through Java NIO), and releasing it is giving
 * it back to root. Installing the driver has no API: it runs installer and kmutil/kextload.
 *
 * <p>{@code root} is the file system root ({@code /} in production) so that tests can build a
 * fake /dev; the argv of the system tools is derived from it too.
 */
public final class MacosTapDevices implements TapDevices {

  static final Pattern DEVICE = Pattern.compile("tap(?:[0-9]|1[0-5])");
  static final int S_IFMT = 0170000;
  static final int S_IFCHR = 0020000;
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(2);

  private final Path root;
  private final CommandRunner runner;
  private final boolean appleSilicon;

  public MacosTapDevices(Path root, CommandRunner runner, boolean appleSilicon) {
    this.root = root;
    this.runner = runner;
    this.appleSilicon = appleSilicon;
  }

  @Override
  public boolean driverPresent() {
    return IntStream.range(0, 16).anyMatch(n -> isCharDevice(node("tap" + n)));
  }

  @Override
  public String driverRemedy() {
    if (appleSilicon) {
      return TuntapDriver.APPLE_SILICON;
    }
    // Installed before (by us or by hand) but never loaded: approval is what is missing, not the package.
    return kextInstalled() ? TuntapDriver.INSTALLED_NOT_LOADED : TuntapDriver.REMEDY;
  }

  @Override
  public void installDriver(Path installerPackage) {
    if (appleSilicon) {
      throw new BridgeException(ErrorCode.MACOS_TUNTAP_UNSUPPORTED, "cannot install tuntaposx on an Apple Silicon Mac", TuntapDriver.APPLE_SILICON);
    }
    if (!Files.isRegularFile(installerPackage)) {
      throw new BridgeException(ErrorCode.MACOS_TUNTAP_NO_PACKAGE, "no installer package at " + installerPackage, TuntapDriver.REMEDY);
    }
    Optional<Object> kextBefore = kextStamp();
    CommandRunner.Result install = runner.run(
        List.of(system(TuntapDriver.INSTALLER).toString(), "-pkg", installerPackage.toString(), "-target", "/"),
        INSTALL_TIMEOUT);
    // The package's postinstall script runs kextload, which macOS 10.13+ refuses until the user has
    // approved the extension; installer then fails although it has put the kext in place. That is
    // not a bad package: go on, and let the load below say what is missing. A kext that was there
    // before and that this run did not touch says nothing about this installer's failure.
    Optional<Object> kextAfter = kextStamp();
    boolean installerPlacedKext = kextAfter.isPresent() && !kextAfter.equals(kextBefore);
    if (!install.succeeded() && !installerPlacedKext) {
      throw new BridgeException(ErrorCode.MACOS_TUNTAP_INSTALL_FAILED, "installer failed for " + installerPackage + " (exit " + install.exitCode() + "): " + install.outputTail(),
          "installer needs root (host-bridge runs it through its elevated helper); check that the file is the "
              + "tuntaposx package.");
    }
    String installerNote = install.succeeded() ? ""
        : " (installer exited " + install.exitCode() + " after putting " + TuntapDriver.KEXT
            + " in place: its own kextload was refused)";
    // The package's postinstall script may already have loaded the kext.
    if (!driverPresent()) {
      load(installerNote);
    }
    if (!driverPresent()) {
      throw new BridgeException(ErrorCode.MACOS_TUNTAP_NOT_APPROVED, "tuntaposx is installed but /dev/tap0../dev/tap15 did not appear" + installerNote,
          TuntapDriver.APPROVAL_REMEDY);
    }
  }

  private void load(String installerNote) {
    Path kext = system(TuntapDriver.KEXT);
    Path kmutil = system(TuntapDriver.KMUTIL);
    List<String> argv = Files.isExecutable(kmutil)
        ? List.of(kmutil.toString(), "load", "-p", kext.toString())
        : List.of(system(TuntapDriver.KEXTLOAD).toString(), kext.toString());
    CommandRunner.Result result = runner.run(argv, LOAD_TIMEOUT);
    if (!result.succeeded()) {
      throw new BridgeException(ErrorCode.MACOS_TUNTAP_LOAD_FAILED, "macOS did not load " + kext + " (exit " + result.exitCode() + "): " + result.outputTail() + installerNote,
          TuntapDriver.APPROVAL_REMEDY);
    }
  }

  /** tuntaposx's kext bundle is on disk, loaded or not. */
  private boolean kextInstalled() {
    return Files.isDirectory(system(TuntapDriver.KEXT));
  }

  /**
   * What changes when the kext bundle is put in place: the status-change time of its directory
   * (an installer may keep the package's modification times, never the ctime), or its file key
   * where there is no ctime. Empty when there is no bundle.
   */
  private Optional<Object> kextStamp() {
    Path kext = system(TuntapDriver.KEXT);
    if (!Files.isDirectory(kext)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.getAttribute(kext, "unix:ctime").toString());
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      try {
        return Optional.ofNullable(Files.readAttributes(kext, java.nio.file.attribute.BasicFileAttributes.class).fileKey())
            .or(() -> Optional.of("present"));
      } catch (IOException unreadable) {
        return Optional.of("present");
      }
    }
  }

  @Override
  public Optional<String> owner(String device) {
    Path node = node(device);
    if (!isCharDevice(node)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.getOwner(node).getName());
    } catch (IOException e) {
      throw failure("reading the owner of " + node, e);
    }
  }

  @Override
  public void claim(String device, String user) {
    Path node = node(device);
    if (!isCharDevice(node)) {
      throw new BridgeException(ErrorCode.MACOS_TUNTAP_NO_DEVICE, node + " is not there: the tuntaposx driver is not loaded", driverRemedy());
    }
    chown(node, user);
  }

  @Override
  public void release(String device) {
    Path node = node(device);
    if (isCharDevice(node)) {
      chown(node, "root");
    }
  }

  private void chown(Path node, String user) {
    UserPrincipal principal;
    try {
      principal = node.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
    } catch (UserPrincipalNotFoundException e) {
      throw new BridgeException(ErrorCode.MACOS_USER_UNKNOWN, "there is no user '" + user + "' on this Mac", "Run host-bridge as the user who runs Docker Desktop.", e);
    } catch (IOException e) {
      throw failure("looking up user " + user, e);
    }
    try {
      Files.setOwner(node, principal);
    } catch (IOException e) {
      throw failure("changing the owner of " + node + " to " + user, e);
    }
  }

  /** The device node, after checking the name so that nothing outside /dev/tapN can be reached. */
  private Path node(String device) {
    if (device == null || !DEVICE.matcher(device).matches()) {
      throw new BridgeException(ErrorCode.MACOS_TUNTAP_BAD_DEVICE, "'" + device + "' is not a tuntaposx tap device", "Use tap0 to tap15, e.g. tap1.");
    }
    return system("/dev/" + device);
  }

  private Path system(String absolute) {
    return root.resolve(absolute.substring(1));
  }

  /** Follows a symbolic link, as opening the device would. */
  static boolean isCharDevice(Path path) {
    try {
      Object mode = Files.getAttribute(path, "unix:mode");
      return mode instanceof Integer bits && (bits & S_IFMT) == S_IFCHR;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // Missing, unreadable, or a file system without unix attributes: not a usable device.
      return false;
    }
  }

  private static BridgeException failure(String what, IOException e) {
    if (e instanceof AccessDeniedException || (e instanceof FileSystemException fs
        && fs.getReason() != null && fs.getReason().toLowerCase(java.util.Locale.ROOT).contains("not permitted"))) {
      return new BridgeException(ErrorCode.MACOS_TUNTAP_PERMISSION, what + " was refused: " + e.getMessage(),
          "Changing the owner of a device needs root: host-bridge does it through its elevated helper (sudo).", e);
    }
    return new BridgeException(ErrorCode.MACOS_TUNTAP_IO, what + " failed: " + e, "", e);
  }
}
