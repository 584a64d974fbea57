package dev.hostbridge.core.steps;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.StepIds;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.Step;
import dev.hostbridge.api.StepContext;
import dev.hostbridge.api.StepStatus;
import dev.hostbridge.api.TapDevices;
import java.nio.file.Files;
import java.nio.file.Path;

/** Step 1: the tap driver is there (tuntaposx on macOS, /dev/net/tun on Linux). */
public final class TuntapDriver implements Step {

  @Override
  public String id() {
    return StepIds.TUNTAP_DRIVER;
  }

  @Override
  public String description() {
    return "the tap driver is loaded";
  }

  @Override
  public StepStatus check(StepContext context) {
    TapDevices devices = context.platform().tapDevices();
    if (devices.driverPresent()) {
      return StepStatus.satisfied("the tap driver is loaded");
    }
    if (context.config().tuntapPackage().isPresent()) {
      Path pkg = context.config().tuntapPackage().get();
      if (!Files.isRegularFile(pkg)) {
        return StepStatus.blocked("the installer package " + pkg + " does not exist", "Give the path of the tuntaposx .pkg with --tuntap-pkg.");
      }
      return StepStatus.pending("will install the tap driver from " + pkg);
    }
    return StepStatus.blocked("the tap driver is not loaded", devices.driverRemedy());
  }

  @Override
  public void apply(StepContext context) {
    Path pkg = context.config().tuntapPackage().orElseThrow();
    context.progress("installing " + pkg + " (needs root)");
    context.record("package", pkg.toString());
    context.platform().tapDevices().installDriver(pkg);
    if (!context.platform().tapDevices().driverPresent()) {
      throw new BridgeException(ErrorCode.DRIVER_NOT_LOADED, "the driver was installed from " + pkg + " but is not loaded", context.platform().tapDevices().driverRemedy());
    }
  }

  /** A driver is shared by other programs (VPN clients use tuntaposx): it stays, and we say so. */
  @Override
  public void revert(StepContext context) {
    context.progress("the tap driver stays installed (other programs may use it); remove it as its documentation says");
  }
}
