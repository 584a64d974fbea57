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

  /** One of the VM's interfaces. */
  public record VmNic(String mac, boolean up) {}

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
      return new HelperRun.Result(0, out.toString());
    }
    String nic = run.command().get(4);
    VmNic state = vmNics.get(nic);
    if (state == null) {
      return new HelperRun.Result(1, "Cannot find device \"" + nic + "\"");
    }
    vmNics.put(nic, new VmNic(state.mac(), script.equals(VmInspector.SET_UP_SCRIPT)));
    return new HelperRun.Result(0, "");
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
