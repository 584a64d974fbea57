package dev.hostbridge.linux;

import dev.hostbridge.api.ErrorCode;
import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.TapDevices;
import dev.hostbridge.linux.encoding.LinuxIoctl;
import dev.hostbridge.linux.natives.Errors;
import dev.hostbridge.linux.natives.LinuxC;
import dev.hostbridge.linux.natives.Users;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Tap devices on Linux: a persistent tap interface whose owner may attach to it without root,
 * which is how an unprivileged VM launcher gets at it (as hyperkit opens /dev/tapN on a Mac).
 */
final class LinuxTapDevices implements TapDevices {

  static final Path TUN = Path.of("/dev/net/tun");
  private static final int S_IFMT = 0170000;
  private static final int S_IFCHR = 0020000;

  private final Path sysClassNet;

  LinuxTapDevices(Path sysClassNet) {
    this.sysClassNet = sysClassNet;
  }

  @Override
  public boolean driverPresent() {
    try {
      int mode = (Integer) Files.getAttribute(TUN, "unix:mode");
      return (mode & S_IFMT) == S_IFCHR;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  @Override
  public String driverRemedy() {
    return "Load the tun module (modprobe tun) so that /dev/net/tun exists; in a container, pass --device /dev/net/tun.";
  }

  @Override
  public void installDriver(java.nio.file.Path installerPackage) {
    throw new BridgeException(ErrorCode.LINUX_NO_INSTALLER, "--tuntap-pkg is for macOS; Linux has its tun driver built in", driverRemedy());
  }

  @Override
  public Optional<String> owner(String device) {
    Path dir = sysClassNet.resolve(device);
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    if (!Files.exists(dir.resolve("tun_flags"))) {
      throw new BridgeException(ErrorCode.LINUX_NOT_A_TAP, "the interface " + device + " exists and is not a tun/tap device",
          "Choose another name with --device, or remove that interface.");
    }
    try {
      int uid = Integer.parseInt(Files.readString(dir.resolve("owner")).trim());
      return Optional.of(uid < 0 ? "root" : Users.nameOf(uid));
    } catch (IOException | NumberFormatException e) {
      throw new BridgeException(ErrorCode.LINUX_SYSFS, "cannot read the owner of " + device + ": " + e.getMessage(), "Check that /sys is mounted.", e);
    }
  }

  @Override
  public void claim(String device, String user) {
    int uid = Users.uidOf(user);
    withTap(device, "make " + user + " the owner of " + device, (c, fd) -> {
      c.ioctl(fd, new NativeLong(LinuxIoctl.TUNSETOWNER), new NativeLong(uid));
      c.ioctl(fd, new NativeLong(LinuxIoctl.TUNSETPERSIST), new NativeLong(1));
    });
  }

  @Override
  public void release(String device) {
    if (!Files.isDirectory(sysClassNet.resolve(device))) {
      return;
    }
    // Without persistence the interface goes away as this descriptor closes.
    withTap(device, "remove " + device, (c, fd) -> c.ioctl(fd, new NativeLong(LinuxIoctl.TUNSETPERSIST), new NativeLong(0)));
  }

  private interface TapAction {
    void run(LinuxC c, int fd);
  }

  private static void withTap(String device, String operation, TapAction action) {
    LinuxC c = LinuxC.INSTANCE;
    int fd = TunFiles.attach(device, (short) (LinuxIoctl.IFF_TAP | LinuxIoctl.IFF_NO_PI), 0, operation).fd();
    try {
      action.run(c, fd);
    } catch (LastErrorException e) {
      throw Errors.failed(operation, e);
    } finally {
      c.close(fd);
    }
  }
}
