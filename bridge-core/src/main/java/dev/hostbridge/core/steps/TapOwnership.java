package dev.hostbridge.core.steps;

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
    context.platform().tapDevices().owner(device).ifPresent(previous -> context.record("previous-owner", previous));
    context.record("device", device);
    context.platform().tapDevices().claim(device, context.config().invokingUser());
  }

  @Override
  public void revert(StepContext context) {
    String device = context.recorded("device").orElse(context.config().device());
    context.platform().tapDevices().release(device);
  }
}
