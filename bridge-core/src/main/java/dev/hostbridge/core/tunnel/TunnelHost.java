package dev.hostbridge.core.tunnel;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.Step;
import dev.hostbridge.api.StepContext;
import dev.hostbridge.api.StepStatus;
import java.util.Set;

/**
 * The host's end of the tunnel runs in this process: the tunnel interface with the host's
 * address and our WireGuard endpoint listening ({@link TunnelRuntime}). Only the watcher keeps it;
 * it goes when the watcher stops.
 */
public final class TunnelHost implements Step {

  public static final String ID = "tunnel-host";
  private final Tunnel tunnel;

  public TunnelHost(Tunnel tunnel) {
    this.tunnel = tunnel;
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
  public boolean isVolatile() {
    return true;
  }

  @Override
  public StepStatus check(StepContext context) {
    if (tunnel.runtime().isEmpty()) {
      return tunnel.keptByWatcher("the host's end of the tunnel");
    }
    TunnelRuntime runtime = tunnel.runtime().get();
    if (runtime.running()) {
      return StepStatus.satisfied(runtime.interfaceName() + " has " + context.config().tunnelHostAddress() + "; WireGuard listens on "
          + runtime.bind());
    }
    return StepStatus.pending("the tunnel interface will be made with " + context.config().tunnelHostAddress());
  }

  @Override
  public void apply(StepContext context) {
    TunnelRuntime runtime = tunnel.runtime().orElseThrow(() -> new BridgeException(ErrorCode.TUNNEL_NOT_HOSTED,
        "the host's end of the tunnel lives in host-bridge watch", "Run sudo host-bridge watch --strategy tunnel."));
    String key = TunnelKey.read(context.config().stateDir()).orElseThrow(() -> new BridgeException(ErrorCode.TUNNEL_KEY,
        "the host has no tunnel key yet", "Run the watcher again; it makes one first."));
    runtime.start(key);
  }

  /** The interface goes with the process that keeps it; a watcher being stopped closes it. */
  @Override
  public void revert(StepContext context) {
    tunnel.runtime().ifPresent(TunnelRuntime::close);
  }
}
