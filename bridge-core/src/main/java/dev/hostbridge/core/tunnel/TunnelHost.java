package dev.hostbridge.core.tunnel;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.StepContext;
import dev.hostbridge.api.StepStatus;
import dev.hostbridge.wireguard.WireGuardEndpoint;
import java.util.Optional;
import java.util.Set;

/**
 * The host's end of the tunnel runs in this process: the tunnel interface with the host's
 * address and our WireGuard endpoint listening ({@link TunnelRuntime}). Only the watcher keeps it;
 * it goes when the watcher stops.
 */
public final class TunnelHost extends LiveTunnelStep {

  public static final String ID = "tunnel-host";

  public TunnelHost(Tunnel tunnel) {
    super(tunnel);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "the host's end of the tunnel: its interface with " + tunnel.config().tunnelHostAddress()
        + " and host-bridge's WireGuard endpoint on " + dev.hostbridge.api.Ipv4Cidr.formatAddress(tunnel.config().tunnelListenAddress());
  }

  @Override
  public Set<String> dependsOn() {
    return Set.of(TunnelKey.ID);
  }

  @Override
  String subject() {
    return "the host's end of the tunnel";
  }

  @Override
  StepStatus check(StepContext context, TunnelRuntime runtime) {
    if (!runtime.running()) {
      java.util.List<dev.hostbridge.api.Route> taken = context.platform().routes().overlapping(context.config().tunnelAddress());
      if (!taken.isEmpty()) {
        return StepStatus.blocked("the tunnel's addresses " + context.config().tunnelAddress() + " are in use on this host: " + taken,
            "Give --tunnel-address a /30 that no route of this host covers, e.g. 10.254.253.252/30.");
      }
    }
    Optional<String> key = TunnelKey.read(context.config().stateDir());
    if (runtime.running() && key.isPresent() && !WireGuardEndpoint.publicKey(key.get()).equals(runtime.publicKey())) {
      return StepStatus.pending("the host's key was rotated: the tunnel starts again with it, and the VM side is set up anew");
    }
    if (runtime.running()) {
      return StepStatus.satisfied(runtime.interfaceName() + " has " + context.config().tunnelHostAddress() + "; WireGuard listens on "
          + runtime.bind());
    }
    return StepStatus.pending("the tunnel interface will be made with " + context.config().tunnelHostAddress());
  }

  @Override
  public void apply(StepContext context) {
    TunnelRuntime runtime = kept();
    String key = TunnelKey.read(context.config().stateDir()).orElseThrow(() -> new BridgeException(ErrorCode.TUNNEL_KEY,
        "the host has no tunnel key yet", "Run the watcher again; it makes one first."));
    if (runtime.running() && !WireGuardEndpoint.publicKey(key).equals(runtime.publicKey())) {
      runtime.close(); // a rotated key: the VM must learn the new one, so its side is set up again too
    }
    runtime.start(key);
  }

  /** The interface goes with the process that keeps it; a watcher being stopped closes it. */
  @Override
  public void revert(StepContext context) {
    tunnel.runtime().ifPresent(TunnelRuntime::close);
  }
}
