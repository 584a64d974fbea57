package dev.hostbridge.core.tunnel;

import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.StepContext;
import dev.hostbridge.api.StepStatus;
import dev.hostbridge.core.docker.RoutableNetwork;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A route into the tunnel for the IPv4 subnet of every local Docker network, following networks
 * as they come and go; a subnet the host already routes elsewhere is skipped and said so. The VM's
 * peer takes the same subnets as its allowed IPs. The routes go with the tunnel's interface.
 */
public final class TunnelRoutes extends LiveTunnelStep {

  public static final String ID = "tunnel-routes";

  public TunnelRoutes(Tunnel tunnel) {
    super(tunnel);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "a route into the tunnel for each Docker network's subnet";
  }

  @Override
  public Set<String> dependsOn() {
    return Set.of(TunnelVm.ID);
  }

  @Override
  String subject() {
    return "routes into the tunnel";
  }

  @Override
  StepStatus check(StepContext context, TunnelRuntime runtime) {
    Set<Ipv4Cidr> wanted = tunnel.subnets(tunnel.networks());
    if (!runtime.running() || runtime.vmKey().isEmpty()) {
      return StepStatus.pending(wanted.size() + " subnet(s) will be routed into the tunnel: " + wanted);
    }
    Set<Ipv4Cidr> handled = new HashSet<>(runtime.routes());
    runtime.skippedRoutes().forEach(s -> handled.add(s.subnet()));
    if (handled.equals(wanted) && new HashSet<>(runtime.vmSubnets()).equals(wanted)) {
      String skipped = runtime.skippedRoutes().isEmpty() ? "" : "; skipped: " + runtime.skippedRoutes();
      return StepStatus.satisfied(runtime.routes().size() + " subnet(s) routed into " + runtime.interfaceName() + ": "
          + runtime.routes() + skipped);
    }
    return StepStatus.pending("the routes will follow Docker's networks: " + wanted);
  }

  @Override
  public void apply(StepContext context) {
    TunnelRuntime runtime = kept();
    List<RoutableNetwork> networks = tunnel.networks();
    Set<Ipv4Cidr> wanted = tunnel.subnets(networks);
    runtime.setVm(runtime.vmKey().orElseThrow(), new ArrayList<>(wanted), runtime.vmLayout());
    runtime.syncRoutes(wanted);
  }

  @Override
  public void revert(StepContext context) {
    tunnel.runtime().filter(TunnelRuntime::running).ifPresent(runtime -> runtime.syncRoutes(Set.of()));
  }
}
