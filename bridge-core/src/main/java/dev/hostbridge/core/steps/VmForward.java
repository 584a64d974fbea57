package dev.hostbridge.core.steps;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.Step;
import dev.hostbridge.api.StepContext;
import dev.hostbridge.api.StepIds;
import dev.hostbridge.api.StepStatus;
import dev.hostbridge.core.docker.DockerEngine;
import dev.hostbridge.core.docker.HelperRun;
import dev.hostbridge.core.tunnel.TunnelImage;
import dev.hostbridge.core.tunnel.VmSideScript;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code --route-all}, the VM's half: its tap NIC gets an address on the tap link, and the VM
 * forwards from it into Docker's bridge networks. Engine 28 drops routed traffic to container
 * addresses, so the VM-side script ({@link VmSideScript}, action {@code forward}) inserts accept
 * rules for that NIC only ({@code raw PREROUTING}, {@code DOCKER-USER}), each when absent and
 * marked as host-bridge's, and masquerades into {@code --internal} networks. Volatile: a VM
 * restart takes the address and the rules. Probed by the NIC's address; the rules come and go with it.
 */
public final class VmForward implements Step {

  private final VmInspector vm;
  private final RouteAll routes;
  private final Supplier<DockerEngine> docker;

  public VmForward(VmInspector vm, RouteAll routes, Supplier<DockerEngine> docker) {
    this.vm = vm;
    this.routes = routes;
    this.docker = docker;
  }

  @Override
  public String id() {
    return StepIds.VM_FORWARD;
  }

  @Override
  public String description() {
    return "the VM's tap NIC has an address on the tap link and forwards from it into Docker's networks (--route-all)";
  }

  @Override
  public Set<String> dependsOn() {
    return Set.of(StepIds.VM_LINK, StepIds.DOCKER_NETWORK, StepIds.ROUTE_IMAGE);
  }

  @Override
  public boolean isVolatile() {
    return true;
  }

  @Override
  public StepStatus check(StepContext context) {
    Optional<StepStatus> firewall = dev.hostbridge.core.tunnel.Tunnel.nftables(docker.get().firewallBackend());
    if (firewall.isPresent()) {
      return firewall.get(); // Engine 29's nftables backend: no DOCKER-USER, and an accept is not final
    }
    Optional<VmInspector.Nic> nic = vm.ourNic(context::progress);
    if (nic.isEmpty()) {
      return StepStatus.pending("the VM has no " + vm.ourNicDescription() + " yet; it will forward from it");
    }
    if (!VmSideScript.scriptableInterface(nic.get().name())) {
      return StepStatus.blocked(ErrorCode.VM_FORWARD_FAILED, "the VM's tap NIC is named '" + nic.get().name()
          + "', which the VM-side script does not take (a to z first, then a to z, digits, _ and -)", "Leave out --route-all.");
    }
    Optional<Ipv4Cidr> address = routes.vmAddress();
    if (address.isEmpty()) {
      return routes.tapNetworkExists()
          ? StepStatus.blocked(ErrorCode.VM_NO_FREE_ADDRESS, "the network '" + routes.tapSubnet().map(Object::toString).orElse("?")
              + "' has no address left for the VM's tap NIC", "Give the tap network a larger --subnet, or leave out --route-all.")
          : StepStatus.pending("the network '" + context.config().network() + "' does not exist yet; the VM's tap NIC gets an address on it");
    }
    List<String> bridges = routes.natBridges();
    boolean same = nic.get().addresses().contains(address.get())
        && context.recorded("address").equals(Optional.of(address.get().toString()))
        && context.recorded("nat").orElse("").equals(String.join(" ", bridges));
    if (same) {
      return StepStatus.satisfied(nic.get().name() + " has " + address.get() + " in the VM and forwards from it"
          + (bridges.isEmpty() ? "" : "; traffic into " + bridges + " is masqueraded"));
    }
    return StepStatus.pending(nic.get().name() + " will get " + address.get() + " in the VM and forward from it into Docker's networks");
  }

  @Override
  public void apply(StepContext context) {
    routes.refresh();
    VmInspector.Nic nic = vm.ourNic(context::progress).orElseThrow(() -> new BridgeException(ErrorCode.VM_NO_TAP_NIC,
        "the VM has no " + vm.ourNicDescription(), "Restart Docker so that the shim attaches the tap device, then run install again."));
    Ipv4Cidr address = routes.vmAddress().orElseThrow(() -> new BridgeException(ErrorCode.VM_NO_FREE_ADDRESS,
        "the tap network has no address left for the VM's tap NIC", "Give the tap network a larger --subnet, or leave out --route-all."));
    Ipv4Cidr host = routes.hostAddress().orElseThrow(() -> new BridgeException(ErrorCode.NETWORK_NO_GATEWAY,
        "the network '" + context.config().network() + "' has no IPv4 gateway for the host", "Give --subnet and --gateway."));
    Ipv4Cidr subnet = address.network();
    List<String> earlier = nic.addresses().stream().filter(a -> subnet.contains(a.address()) && !a.equals(address))
        .map(Object::toString).toList();
    List<String> bridges = routes.natBridges();
    VmSideScript.Forward forward = new VmSideScript.Forward(nic.name(), address.toString(), host.addressText(), earlier, bridges);
    String image = TunnelImage.reference(context.config());
    boolean appliedBefore = context.recorded("address").isPresent();
    context.record("nic", nic.name());
    context.record("address", address.toString());
    context.record("image", image);
    context.progress("giving the VM's " + nic.name() + " " + address + " and letting it forward, with a helper container from " + image);
    VmSideScript.Result result;
    try {
      result = run(image, forward.environment());
    } catch (RuntimeException e) {
      if (!appliedBefore) {
        undoQuietly(image, nic.name(), address);
      }
      throw e;
    } finally {
      vm.invalidate();
    }
    if (!result.ready()) {
      // A first apply leaves nothing behind; one that worked before keeps what it had (the runner
      // keeps its journal entry too), so that a failed re-apply does not take a working setup down.
      if (!appliedBefore) {
        undoQuietly(image, nic.name(), address);
      }
      throw new BridgeException(ErrorCode.VM_FORWARD_FAILED, "the VM's " + nic.name() + " was not set up to forward: "
          + result.error().orElse("no answer"), "Check that the image " + image + " has sh, ip and iptables (host-bridge doctor), "
          + "then run install again.");
    }
    context.record("nat", String.join(" ", bridges));
  }

  /** Takes host-bridge's rules for the NIC away, and the address it gave it; with Docker gone, they went with the VM. */
  @Override
  public void revert(StepContext context) {
    Optional<String> nic = Recorded.nic(context, "nic");
    if (nic.isEmpty() || !VmSideScript.scriptableInterface(nic.get())) {
      return;
    }
    Optional<String> address = Recorded.address(context, "address").map(Object::toString);
    String image = TunnelImage.recordedOrConfigured(context);
    VmSideScript.Result result;
    try {
      result = run(image, VmSideScript.unforwardEnvironment(nic.get(), address));
    } catch (BridgeException e) {
      // Only an engine that does not answer means the VM is gone; any other failure (the image
      // pruned, say) keeps the entry, so that nothing is left in the VM unknown.
      if (ErrorCode.DOCKER_UNREACHABLE.code().equals(e.code())) {
        context.progress("Docker is not running, so the VM's forwarding went with it");
        return;
      }
      throw e;
    }
    vm.invalidate();
    if (!result.ready()) {
      throw new BridgeException(ErrorCode.VM_FORWARD_FAILED, "the VM's forwarding from " + nic.get() + " was not taken down: "
          + result.error().orElse("no answer"), "Run host-bridge uninstall again.");
    }
  }

  /** A failed forward may have given the address or added rules before it stopped: they go, so that nothing is left. */
  private void undoQuietly(String image, String nic, Ipv4Cidr address) {
    try {
      run(image, VmSideScript.unforwardEnvironment(nic, Optional.of(address.toString())));
    } catch (RuntimeException e) {
      // the failure being reported says more; uninstall takes what is left
    }
  }

  private VmSideScript.Result run(String image, java.util.Map<String, String> environment) {
    HelperRun.Result run = docker.get().runHelper(new HelperRun(image,
        VmSideScript.command(), true, List.of("NET_ADMIN"), environment));
    VmSideScript.Result result = VmSideScript.parse(run.output());
    if (run.exitCode() != 0 && result.error().isEmpty()) {
      return new VmSideScript.Result(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), false,
          Optional.of("the helper exited with " + run.exitCode() + ": " + run.output().strip()));
    }
    return result;
  }
}
