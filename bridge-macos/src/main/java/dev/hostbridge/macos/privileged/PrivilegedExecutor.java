package dev.hostbridge.macos.privileged;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.api.Ipv4Cidr;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Carries out a checked request on the platform, in the root helper process. */
public final class PrivilegedExecutor {

  private final HostPlatform platform;

  public PrivilegedExecutor(HostPlatform platform) {
    this.platform = platform;
  }

  public void execute(PrivilegedRequest request) {
    var args = request.arguments();
    switch (request.operation()) {
      case CLAIM_DEVICE -> platform.tapDevices().claim(args.get(0), args.get(1));
      case RELEASE_DEVICE -> platform.tapDevices().release(args.get(0));
      case ADD_ADDRESS -> platform.interfaces().addAddress(args.get(0), Ipv4Cidr.parse(args.get(1)));
      case REMOVE_ADDRESS -> platform.interfaces().removeAddress(args.get(0), Ipv4Cidr.parse(args.get(1)));
      case SET_LINK -> platform.interfaces().setUp(args.get(0), args.get(1).equals("up"));
      case ADD_ROUTE -> platform.routes().add(request.route());
      case DELETE_ROUTE -> platform.routes().delete(request.route());
      case INSTALL_DRIVER -> platform.tapDevices().installDriver(regularPackage(Path.of(args.get(0))));
      default -> throw new IllegalStateException("unhandled operation " + request.operation());
    }
  }

  /** Root runs the installer on it: it must be a plain file, not a link that could be swapped. */
  private static Path regularPackage(Path pkg) {
    if (!Files.isRegularFile(pkg, LinkOption.NOFOLLOW_LINKS)) {
      throw new BridgeException(ErrorCode.HELPER_PACKAGE, pkg + " is not a regular file (a symbolic link or a directory is not accepted)",
          "Give the path of the tuntaposx .pkg file itself.");
    }
    return pkg;
  }
}
