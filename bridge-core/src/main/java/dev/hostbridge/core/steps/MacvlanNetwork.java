package dev.hostbridge.core.steps;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.StepIds;
import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.Step;
import dev.hostbridge.api.StepContext;
import dev.hostbridge.api.StepStatus;
import dev.hostbridge.core.docker.DockerEngine;
import dev.hostbridge.core.docker.DockerNetwork;
import dev.hostbridge.core.docker.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Step 6: a macvlan Docker network whose parent is the VM's tap NIC. A network of that name
 * that someone else made is accepted only when driver and parent match; anything else is an
 * error naming the difference. Only a network this tool created is ever removed.
 */
public final class MacvlanNetwork implements Step {

  public static final String MANAGED_LABEL = "dev.hostbridge.managed";

  private final Supplier<DockerEngine> docker;
  private final VmInspector vm;

  public MacvlanNetwork(Supplier<DockerEngine> docker, VmInspector vm) {
    this.docker = docker;
    this.vm = vm;
  }

  @Override
  public String id() {
    return StepIds.DOCKER_NETWORK;
  }

  @Override
  public String description() {
    return "a macvlan Docker network on the VM's tap NIC";
  }

  @Override
  public Set<String> dependsOn() {
    return Set.of(StepIds.VM_LINK);
  }

  @Override
  public StepStatus check(StepContext context) {
    BridgeConfig config = context.config();
    Optional<String> installed = context.recorded("network");
    if (installed.isPresent() && !installed.get().equals(config.network())) {
      return StepStatus.conflict(ErrorCode.JOURNAL_OTHER_INSTALLATION, "host-bridge created the network '" + installed.get() + "' before; it manages one network",
          "Run host-bridge uninstall --network " + installed.get() + " first, then install with --network " + config.network() + ".");
    }
    Optional<DockerNetwork> existing = docker.get().network(config.network());
    if (existing.isEmpty()) {
      return StepStatus.pending("will create the macvlan network '" + config.network() + "'");
    }
    Optional<String> parent = vm.ourNic(context::progress).map(VmInspector.Nic::name);
    List<String> differences = differences(existing.get(), config, parent);
    boolean ours = existing.get().id().equals(context.recorded("network-id").orElse(""));
    if (parent.isEmpty() && !ours) {
      parentIsAnotherNic(existing.get(), context).ifPresent(differences::add);
    }
    if (!differences.isEmpty()) {
      throw conflict(config, differences);
    }
    if (parent.isEmpty()) {
      return StepStatus.pending("network '" + config.network() + "' exists; its parent is checked once the VM has its tap NIC");
    }
    return StepStatus.satisfied("network '" + config.network() + "' is macvlan on " + parent.get());
  }

  /**
   * Before the VM has our NIC, a network's parent can still be known to be wrong: a NIC that is
   * there and has another MAC than the shim's will never be ours.
   */
  private Optional<String> parentIsAnotherNic(DockerNetwork network, StepContext context) {
    if (context.config().mobyEth().isPresent() || network.parent().isEmpty()) {
      return Optional.empty();
    }
    String mac = TapMac.of(context.config());
    return vm.nics(context::progress).stream()
        .filter(n -> n.name().equals(network.parent().get()) && !n.mac().equals(mac))
        .findFirst()
        .map(n -> "its parent is " + n.name() + " (MAC " + n.mac() + "), not the tap NIC (MAC " + mac + ")");
  }

  static List<String> differences(DockerNetwork network, BridgeConfig config, Optional<String> parent) {
    List<String> differences = new ArrayList<>();
    if (!"macvlan".equals(network.driver())) {
      differences.add("its driver is " + network.driver() + ", not macvlan");
    }
    if (parent.isPresent() && !network.parent().equals(parent)) {
      differences.add("its parent is " + network.parent().orElse("unset") + ", not " + parent.get());
    }
    if (config.subnet().isPresent() && !network.subnet().equals(config.subnet())) {
      differences.add("its subnet is " + network.subnet().map(Object::toString).orElse("unset") + ", not " + config.subnet().get());
    }
    if (config.gateway().isPresent() && !network.gateway().equals(config.gateway())) {
      differences.add("its gateway is " + network.gateway().map(g -> g.addressText()).orElse("unset") + ", not "
          + config.gateway().get().addressText());
    }
    return differences;
  }

  private static BridgeException conflict(BridgeConfig config, List<String> differences) {
    return new BridgeException(ErrorCode.NETWORK_CONFLICT, "a Docker network named '" + config.network() + "' exists and does not fit: " + String.join("; ", differences),
        "Choose another name with --network (or DOCKER_TAP_NETWORK), or remove that network (docker network rm "
            + config.network() + ") if nothing needs it.");
  }

  @Override
  public void apply(StepContext context) {
    BridgeConfig config = context.config();
    String parent = vm.ourNic(context::progress).map(VmInspector.Nic::name).orElseThrow(() -> new BridgeException(ErrorCode.VM_NO_TAP_NIC, "the VM has no " + vm.ourNicDescription(),
        "Restart Docker so that the shim attaches the tap device, then run install again."));
    DockerEngine engine = docker.get();
    Optional<DockerNetwork> existing = engine.network(config.network());
    if (existing.isPresent()) {
      List<String> differences = differences(existing.get(), config, Optional.of(parent));
      if (!differences.isEmpty()) {
        throw conflict(config, differences);
      }
      context.progress("network '" + config.network() + "' already fits; adopted, not created");
      return;
    }
    DockerNetwork created = engine.createNetwork(new NetworkSpec(config.network(), "macvlan", Map.of("parent", parent),
        Map.of(MANAGED_LABEL, "true"), config.subnet(), config.gateway()));
    context.record("network-id", created.id());
    context.record("network", created.name());
  }

  @Override
  public void revert(StepContext context) {
    Optional<String> id = context.recorded("network-id");
    if (id.isEmpty()) {
      return; // adopted, not ours
    }
    String name = Recorded.network(context, "network").orElse(context.config().network());
    Optional<DockerNetwork> network = docker.get().network(name);
    if (network.isEmpty() || !network.get().id().equals(id.get())) {
      context.progress("network '" + name + "' that host-bridge created is gone already");
      return;
    }
    if (!"true".equals(network.get().labels().get(MANAGED_LABEL))) {
      throw Recorded.invalid(context, "network-id", id.get(), "names the network '" + name + "', which host-bridge did not "
          + "create (it lacks the label " + MANAGED_LABEL + "=true)");
    }
    if (!network.get().containers().isEmpty()) {
      throw new BridgeException(ErrorCode.NETWORK_IN_USE, "network '" + name + "' still has containers attached: " + String.join(", ", network.get().containers()),
          "Disconnect or stop them (docker network disconnect " + name + " <container>), then run uninstall again.");
    }
    docker.get().removeNetwork(id.get());
  }
}
