package dev.hostbridge.core.steps;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.StepIds;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.Step;
import dev.hostbridge.api.StepContext;
import dev.hostbridge.api.StepStatus;
import java.util.Optional;
import java.util.Set;

/** Step 5: the VM's tap NIC is up. Lost when the VM restarts, so volatile. */
public final class VmLink implements Step {

  private final VmInspector vm;

  public VmLink(VmInspector vm) {
    this.vm = vm;
  }

  @Override
  public String id() {
    return StepIds.VM_LINK;
  }

  @Override
  public String description() {
    return "the VM's tap NIC is up";
  }

  @Override
  public Set<String> dependsOn() {
    return Set.of(StepIds.DOCKER_RESTART);
  }

  @Override
  public boolean isVolatile() {
    return true;
  }

  @Override
  public StepStatus check(StepContext context) {
    Optional<VmInspector.Nic> nic = vm.ourNic(context::progress);
    if (nic.isEmpty()) {
      return StepStatus.pending("the VM has no " + vm.ourNicDescription() + " yet");
    }
    return nic.get().up()
        ? StepStatus.satisfied(nic.get().name() + " is up in the VM")
        : StepStatus.pending(nic.get().name() + " is down in the VM");
  }

  @Override
  public void apply(StepContext context) {
    VmInspector.Nic nic = vm.ourNic(context::progress).orElseThrow(() -> new BridgeException(ErrorCode.VM_NO_TAP_NIC, "the VM has no " + vm.ourNicDescription(),
        "Restart Docker so that the shim attaches the tap device, then run install again."));
    context.record("nic", nic.name());
    context.record("mac", nic.mac());
    vm.setUp(nic.name(), true, context::progress);
  }

  /** Takes down the NIC that apply brought up, and only if it is still that NIC (same name, same MAC). */
  @Override
  public void revert(StepContext context) {
    Optional<String> name = Recorded.nic(context, "nic");
    Optional<String> mac = Recorded.mac(context, "mac");
    if (name.isEmpty() || mac.isEmpty()) {
      return;
    }
    Optional<VmInspector.Nic> nic;
    try {
      nic = vm.nics(context::progress).stream().filter(n -> n.name().equals(name.get()) && n.mac().equals(mac.get())).findFirst();
    } catch (BridgeException e) {
      if (e.kind() == BridgeException.Kind.DOCKER) {
        context.progress("Docker is not running, so the VM's NIC is gone already");
        return;
      }
      throw e;
    }
    if (nic.isPresent() && nic.get().up()) {
      vm.setUp(nic.get().name(), false, context::progress);
    }
  }
}
