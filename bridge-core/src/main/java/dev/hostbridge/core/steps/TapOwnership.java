package dev.hostbridge.core.steps;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.StepIds;
import dev.hostbridge.api.Step;
import dev.hostbridge.api.StepContext;
import dev.hostbridge.api.StepStatus;
import java.util.Optional;
import java.util.Set;

/**
 * Step 2: the invoking user owns the tap device, so that the VM launcher, which Docker runs as
 * that user, can open it (hyperkit only logs a failed open and starts without the NIC).
 */
public final class TapOwnership implements Step {

  @Override
  public String id() {
    return StepIds.TAP_OWNERSHIP;
  }

  @Override
  public String description() {
    return "the user owns the tap device";
  }

  @Override
  public Set<String> dependsOn() {
    return Set.of(StepIds.TUNTAP_DRIVER);
  }

  @Override
  public StepStatus check(StepContext context) {
    String device = context.config().device();
    String user = context.config().invokingUser();
    Optional<String> installed = context.recorded("device");
    if (installed.isPresent() && !installed.get().equals(device)) {
      return StepStatus.conflict(ErrorCode.JOURNAL_OTHER_INSTALLATION, "host-bridge set up " + installed.get() + " before; it does not manage two devices at once",
          "Run host-bridge uninstall --device " + installed.get() + " first, then install with --device " + device + ".");
    }
    Optional<String> owner = context.platform().tapDevices().owner(device);
    if (owner.isEmpty()) {
      return StepStatus.pending(device + " does not exist yet; it will belong to " + user);
    }
    if (owner.get().equals(user)) {
      return StepStatus.satisfied(device + " belongs to " + user);
    }
    return StepStatus.pending(device + " belongs to " + owner.get() + "; it will belong to " + user);
  }

  @Override
  public void apply(StepContext context) {
    String device = context.config().device();
    if (context.recorded("device").isEmpty()) {
      // First claim: remember whether the device was there, and whose it was, to give it back as found.
      Optional<String> previous = context.platform().tapDevices().owner(device);
      context.record("existed", Boolean.toString(previous.isPresent()));
      previous.ifPresent(owner -> context.record("previous-owner", owner));
      context.record("device", device);
    }
    context.platform().tapDevices().claim(device, context.config().invokingUser());
  }

  /** A device that was there before goes back to its owner; one that host-bridge made is released. */
  @Override
  public void revert(StepContext context) {
    String device = Recorded.device(context, "device").orElse(context.config().device());
    Optional<String> previousOwner = context.recorded("previous-owner");
    if (Boolean.parseBoolean(context.recorded("existed").orElse("false")) && previousOwner.isPresent()) {
      if (context.platform().tapDevices().owner(device).isPresent()) {
        context.platform().tapDevices().claim(device, previousOwner.get());
      }
    } else {
      context.platform().tapDevices().release(device);
    }
  }
}
