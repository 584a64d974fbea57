package dev.hostbridge.core.testing;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.core.docker.DockerEndpoint;
import dev.hostbridge.core.docker.DockerEngine;
import dev.hostbridge.core.docker.DockerNetwork;
import dev.hostbridge.core.docker.EngineInfo;
import dev.hostbridge.core.docker.HelperRun;
import dev.hostbridge.core.docker.NetworkSpec;
import dev.hostbridge.core.steps.VmInspector;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An engine in memory, with the VM's interfaces: the helper containers' scripts are
 * recognised and acted out on {@link #vmNics}.
 */
public final class FakeDockerEngine implements DockerEngine {

  /** One of the VM's interfaces, with its IPv4 addresses. */
  public record VmNic(String mac, boolean up, List<Ipv4Cidr> addresses) {
    public VmNic {
      addresses = List.copyOf(addresses);
    }

    public VmNic(String mac, boolean up) {
      this(mac, up, List.of());
    }
  }

  public final Map<String, DockerNetwork> networks = new LinkedHashMap<>();
  public final Map<String, VmNic> vmNics = new LinkedHashMap<>();
  public final List<HelperRun> helperRuns = new ArrayList<>();
  public final List<String> pulled = new ArrayList<>();
  public boolean reachable = true;
  public boolean imagePresent = true;
  /** Where the engine says it runs ({@code GET /info} Name and KernelVersion). */
  public dev.hostbridge.core.docker.EngineHost host = new dev.hostbridge.core.docker.EngineHost("fake-vm", "6.10.14-linuxkit");
  /** {@code GET /info} FirewallBackend.Driver; empty as from engines before 28.2. */
  public Optional<String> firewallBackend = Optional.empty();
  /** Networks of other drivers and owners, as {@code routableNetworks} lists them besides {@link #networks}. */
  public final List<dev.hostbridge.core.docker.RoutableNetwork> otherNetworks = new ArrayList<>();
  /** Addresses the containers of a network ({@link #networks}, by name) use. */
  public final Map<String, java.util.Set<Integer>> containerAddresses = new LinkedHashMap<>();
  /** The VM's firewall rules host-bridge's forward action added, per NIC; the VM's ip_forward. */
  public final Map<String, List<String>> forwardRules = new LinkedHashMap<>();
  public boolean vmForwards = true;
  private int ids;

  public FakeDockerEngine() {
    vmNics.put("lo", new VmNic("00:00:00:00:00:00", true));
    vmNics.put("eth0", new VmNic("02:50:00:00:00:01", true));
  }

  private void requireReachable() {
    if (!reachable) {
      throw new BridgeException("docker.unreachable", BridgeException.Kind.DOCKER, "fake engine is down", "start it");
    }
  }

  @Override
  public DockerEndpoint endpoint() {
    return new DockerEndpoint(URI.create("unix:///fake/docker.sock"), "fake");
  }

  @Override
  public EngineInfo info() {
    requireReachable();
    return new EngineInfo("0.0-fake", "1.41", "linux", "amd64", "fake");
  }

  @Override
  public dev.hostbridge.core.docker.EngineHost host() {
    requireReachable();
    return host;
  }

  @Override
  public Optional<String> firewallBackend() {
    requireReachable();
    return firewallBackend;
  }

  @Override
  public Optional<DockerNetwork> network(String name) {
    requireReachable();
    return Optional.ofNullable(networks.get(name));
  }

  @Override
  public DockerNetwork createNetwork(NetworkSpec spec) {
    requireReachable();
    Ipv4Cidr subnet = spec.subnet().orElse(Ipv4Cidr.parse("172.30.0.0/16"));
    Ipv4Cidr gateway = spec.gateway().orElse(subnet.withAddress(subnet.address() + 1));
    DockerNetwork network = new DockerNetwork("net" + (++ids), spec.name(), spec.driver(), spec.options(), spec.labels(),
        Optional.of(subnet), Optional.of(gateway), List.of());
    networks.put(spec.name(), network);
    return network;
  }

  /** Adds a network as someone else would have. */
  public DockerNetwork addNetwork(String name, String driver, Map<String, String> options, List<String> containers) {
    DockerNetwork network = new DockerNetwork("other" + (++ids), name, driver, options, Map.of(),
        Optional.of(Ipv4Cidr.parse("172.31.0.0/16")), Optional.of(Ipv4Cidr.parse("172.31.0.1/16")), containers);
    networks.put(name, network);
    return network;
  }

  @Override
  public void removeNetwork(String idOrName) {
    requireReachable();
    networks.values().removeIf(n -> n.id().equals(idOrName) || n.name().equals(idOrName));
  }

  @Override
  public boolean hasImage(String image) {
    requireReachable();
    return imagePresent || pulled.contains(image);
  }

  @Override
  public void pull(String image) {
    requireReachable();
    pulled.add(image);
  }

  @Override
  public HelperRun.Result runHelper(HelperRun run) {
    requireReachable();
    helperRuns.add(run);
    if (!run.hostNetwork() || !run.addedCapabilities().equals(List.of("NET_ADMIN"))) {
      return new HelperRun.Result(1, "helper must use the host network with only NET_ADMIN");
    }
    String script = run.command().get(2);
    if (script.equals(VmInspector.LIST_SCRIPT)) {
      StringBuilder out = new StringBuilder();
      vmNics.forEach((name, nic) -> out.append(name).append(' ').append(nic.mac()).append(' ')
          .append(nic.up() ? "0x1003" : "0x1002").append('\n'));
      vmNics.forEach((name, nic) -> nic.addresses().forEach(a -> out.append("addr ").append(name).append(' ').append(a).append('\n')));
      return new HelperRun.Result(0, out.toString());
    }
    if (script.equals(dev.hostbridge.core.tunnel.VmSideScript.text())) {
      return forwardAction(run.environment());
    }
    String nic = run.command().get(4);
    VmNic state = vmNics.get(nic);
    if (state == null) {
      return new HelperRun.Result(1, "Cannot find device \"" + nic + "\"");
    }
    vmNics.put(nic, new VmNic(state.mac(), script.equals(VmInspector.SET_UP_SCRIPT), state.addresses()));
    return new HelperRun.Result(0, "");
  }

  /** The VM-side script's forward and unforward, acted out as vm-side.sh does them (its checks are the script's own). */
  private HelperRun.Result forwardAction(Map<String, String> env) {
    String name = env.get("HB_IF");
    VmNic nic = vmNics.get(name);
    String action = env.get("HB_ACTION");
    if (action.equals("unforward")) {
      forwardRules.remove(name);
      if (nic != null && env.containsKey("HB_ADDRESS")) {
        List<Ipv4Cidr> left = new ArrayList<>(nic.addresses());
        left.remove(Ipv4Cidr.parse(env.get("HB_ADDRESS")));
        vmNics.put(name, new VmNic(nic.mac(), nic.up(), left));
      }
      return new HelperRun.Result(0, "ready=1\n");
    }
    if (!action.equals("forward")) {
      return new HelperRun.Result(1, "error=the fake acts out forward and unforward only\n");
    }
    if (nic == null) {
      return new HelperRun.Result(1, "error=the VM has no interface " + name + "\n");
    }
    List<Ipv4Cidr> addresses = new ArrayList<>(nic.addresses());
    for (String old : env.getOrDefault("HB_REMOVE_ADDRESSES", "").split(" ")) {
      if (!old.isEmpty()) {
        addresses.remove(Ipv4Cidr.parse(old));
      }
    }
    Ipv4Cidr address = Ipv4Cidr.parse(env.get("HB_ADDRESS"));
    if (!addresses.contains(address)) {
      addresses.add(address);
    }
    vmNics.put(name, new VmNic(nic.mac(), nic.up(), addresses));
    if (!vmForwards) {
      return new HelperRun.Result(1, "forwarding=0\nerror=the VM does not forward IPv4\n");
    }
    List<String> rules = new ArrayList<>(List.of("raw PREROUTING -i " + name + " -j ACCEPT", "filter DOCKER-USER -o " + name + " -j ACCEPT",
        "filter DOCKER-USER -i " + name + " -j ACCEPT"));
    for (String bridge : env.getOrDefault("HB_NAT_BRIDGES", "").split(" ")) {
      if (!bridge.isEmpty()) {
        rules.add("nat POSTROUTING -s " + env.get("HB_HOST_ADDRESS") + " -o " + bridge + " -j MASQUERADE");
      }
    }
    forwardRules.put(name, rules);
    return new HelperRun.Result(0, "forwarding=1\nfirewall=iptables-legacy\nready=1\n");
  }

  @Override
  public List<dev.hostbridge.core.docker.RoutableNetwork> routableNetworks() {
    requireReachable();
    List<dev.hostbridge.core.docker.RoutableNetwork> out = new ArrayList<>();
    for (DockerNetwork network : networks.values()) {
      java.util.Set<Integer> taken = new java.util.HashSet<>(containerAddresses.getOrDefault(network.name(), java.util.Set.of()));
      network.gateway().ifPresent(g -> taken.add(g.address()));
      out.add(new dev.hostbridge.core.docker.RoutableNetwork(network.id(), network.name(), network.driver(), "local", false,
          network.subnet().map(s -> List.of(s.network())).orElse(List.of()),
          network.driver().equals("bridge") ? Optional.of("br-" + network.id()) : Optional.empty(), network.parent(), taken));
    }
    out.addAll(otherNetworks);
    return out;
  }

  public final List<java.util.function.Consumer<dev.hostbridge.core.docker.NetworkEvent>> watchers = new ArrayList<>();

  @Override
  public AutoCloseable watchNetworks(java.util.function.Consumer<dev.hostbridge.core.docker.NetworkEvent> listener,
      Runnable onEnd) {
    requireReachable();
    watchers.add(listener);
    return () -> watchers.remove(listener);
  }

  @Override
  public void close() {}
}
