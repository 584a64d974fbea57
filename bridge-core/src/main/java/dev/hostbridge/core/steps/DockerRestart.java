package dev.hostbridge.core.steps;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.StepIds;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.Step;
import dev.hostbridge.api.StepContext;
import dev.hostbridge.api.StepStatus;
import java.time.Duration;
import java.util.Set;

/**
 * Step 4: the VM runs with the tap NIC, i.e. it was restarted through the shim. The seed asked
 * people to do this by hand.
 */
public final class DockerRestart implements Step {

  private final VmInspector vm;
  private final VmRestarter restarter;
  private final Duration nicTimeout;
  private final Duration pollInterval;

  public DockerRestart(VmInspector vm, VmRestarter restarter, Duration nicTimeout, Duration pollInterval) {
    this.vm = vm;
    this.restarter = restarter;
    this.nicTimeout = nicTimeout;
    this.pollInterval = pollInterval;
  }

  @Override
  public String id() {
    return StepIds.DOCKER_RESTART;
  }

  @Override
  public String description() {
    return "the Docker VM runs with the tap NIC";
  }

  @Override
  public Set<String> dependsOn() {
    return Set.of(StepIds.LAUNCHER_SHIM, StepIds.TAP_OWNERSHIP);
  }

  @Override
  public StepStatus check(StepContext context) {
    return vm.ourNic(context::progress)
        .map(nic -> StepStatus.satisfied("the VM has " + nic.name() + " (" + nic.mac() + ")"))
        .orElseGet(() -> StepStatus.pending("the VM has no " + vm.ourNicDescription() + " yet; Docker will be restarted"));
  }

  @Override
  public void apply(StepContext context) {
    restarter.restart(context.platform(), context::progress);
    long deadline = System.nanoTime() + nicTimeout.toNanos();
    while (vm.ourNic(context::progress).isEmpty()) {
      if (System.nanoTime() > deadline) {
        String device = context.config().device();
        throw new BridgeException(ErrorCode.VM_NO_TAP_NIC, "Docker restarted but the VM has no " + vm.ourNicDescription() + " after " + nicTimeout.toSeconds() + " s",
            "The launcher did not attach " + device + ": check that " + context.config().invokingUser() + " owns the device ("
                + "hyperkit only logs 'open of tap device failed' and starts without it) and that Docker runs the shimmed launcher.");
      }
      DaemonWaiter.sleep(pollInterval);
      vm.invalidate();
    }
  }

  /** Nothing to undo here: the shim's revert restarts the VM with the original launcher. */
  @Override
  public void revert(StepContext context) {}
}
