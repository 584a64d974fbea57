package dev.hostbridge.core.tunnel;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.StepContext;
import dev.hostbridge.api.StepStatus;
import dev.hostbridge.core.docker.RoutableNetwork;
import dev.hostbridge.core.docker.TunnelHelper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The VM's end of the tunnel: the VM-side script ({@link VmSideScript}) run in a helper container
 * with the VM's network makes its WireGuard interface, whose private key never leaves the VM,
 * with the host as its peer, and the firewall rules routed traffic needs; the host takes the VM's
 * public key from the script's answer. Satisfied while the VM is heard from (it keeps the tunnel
 * alive every 25 s); three silent keepalive periods, a VM restart or new {@code --internal}
 * networks make it pending again, and the watcher sets the VM side up anew.
 */
public final class TunnelVm extends LiveTunnelStep {

  public static final String ID = "tunnel-vm";
  private static final Duration FIRST_HANDSHAKE = Duration.ofSeconds(20);
  public TunnelVm(Tunnel tunnel) {
    super(tunnel);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "the VM's end of the tunnel: a WireGuard interface " + TunnelRuntime.INTERFACE + " with "
        + tunnel.config().tunnelVmAddress() + ", peer of the host, and the firewall rules for routed traffic";
  }

  @Override
  public Set<String> dependsOn() {
    return Set.of(TunnelHost.ID, TunnelImage.ID);
  }

  @Override
  String subject() {
    return "the VM's end of the tunnel";
  }

  @Override
  StepStatus check(StepContext context, TunnelRuntime runtime) {
    Optional<StepStatus> firewall = Tunnel.nftables(tunnel.firewallBackend());
    if (firewall.isPresent()) {
      return firewall.get();
    }
    if (!runtime.running() || runtime.vmKey().isEmpty()) {
      return StepStatus.pending("the VM side will be set up by a helper container from " + TunnelImage.reference(context.config()));
    }
    if (runtime.vmStale()) {
      return StepStatus.pending("the Docker engine came back (the VM may have restarted): the VM side will be set up again");
    }
    List<RoutableNetwork> networks = tunnel.networks();
    List<String> layout = Tunnel.layout(Tunnel.natBridges(networks), Tunnel.macvlans(networks));
    if (!layout.equals(runtime.vmLayout())) {
      return StepStatus.pending("the --internal or macvlan networks changed (" + layout + "): the VM side will be set up again");
    }
    Optional<Instant> heard = runtime.lastHeardFromVm();
    if (heard.isEmpty() || Duration.between(heard.get(), Instant.now()).compareTo(Tunnel.SILENCE) > 0) {
      return StepStatus.pending(heard.map(at -> "nothing heard from the VM for " + Duration.between(at, Instant.now()).toSeconds() + " s")
          .orElse("the VM never answered") + ": the VM side will be set up again");
    }
    String traffic = runtime.vmStatus().map(peer -> "; latest handshake "
        + peer.latestHandshake().map(at -> Duration.between(at, Instant.now()).toSeconds() + " s ago").orElse("none")
        + ", " + peer.receivedBytes() + " bytes received, " + peer.sentBytes() + " bytes sent"
        + peer.endpoint().map(e -> ", from " + e.getAddress().getHostAddress() + ":" + e.getPort()).orElse("")).orElse("");
    return StepStatus.satisfied("the VM " + runtime.vmKey().get() + " was heard from "
        + Duration.between(heard.get(), Instant.now()).toSeconds() + " s ago" + traffic);
  }

  @Override
  public void apply(StepContext context) {
    TunnelRuntime runtime = kept();
    List<RoutableNetwork> networks = tunnel.networks();
    List<Ipv4Cidr> subnets = new ArrayList<>(tunnel.subnets(networks));
    List<String> bridges = Tunnel.natBridges(networks);
    List<String> macvlans = Tunnel.macvlans(networks);
    VmSideScript.Up up = new VmSideScript.Up(TunnelRuntime.INTERFACE, context.config().tunnelVmAddress().addressText(),
        context.config().tunnelHostAddress().addressText(), runtime.publicKey(), context.config().tunnelEndpoint(),
        runtime.bind().getPort(), Tunnel.KEEPALIVE, bridges, macvlans);
    String image = TunnelImage.reference(context.config());
    context.record("interface", TunnelRuntime.INTERFACE);
    context.record("image", image);
    context.progress("setting up the VM side with a helper container from " + image);
    TunnelHelper.Started started = tunnel.docker().startTunnelHelper(new TunnelHelper(image,
        VmSideScript.command(), up.environment(), TunnelRuntime.INTERFACE));
    VmSideScript.Result result = VmSideScript.parse(started.output());
    if (!result.ready() || result.publicKey().isEmpty()) {
      throw new BridgeException(ErrorCode.TUNNEL_VM_FAILED, "the VM side of the tunnel was not set up: "
          + result.error().orElse("its helper said: " + started.output().strip()),
          "Check that the image " + image + " has sh, ip, wg and iptables (host-bridge doctor), then run the watcher again.");
    }
    runtime.setVm(result.publicKey().get(), subnets, Tunnel.layout(bridges, macvlans));
    context.progress("the VM side is up (" + result.mode().orElse("?") + ", firewall " + result.firewall().orElse("?")
        + "); waiting for its handshake");
    Instant deadline = Instant.now().plus(FIRST_HANDSHAKE);
    while (runtime.lastHeardFromVm().isEmpty() && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (runtime.lastHeardFromVm().isEmpty()) {
      throw new BridgeException(ErrorCode.TUNNEL_VM_FAILED, "the VM side is up, but no handshake came from it within "
          + FIRST_HANDSHAKE.toSeconds() + " s (it sends to " + result.endpoint().orElse(context.config().tunnelEndpoint()) + ")",
          "Check that the VM reaches --tunnel-endpoint (" + context.config().tunnelEndpoint() + ") and that --tunnel-listen ("
              + runtime.bind() + ") is where that leads.");
    }
  }

  @Override
  public void revert(StepContext context) {
    String name = context.recorded("interface").filter(n -> n.equals(TunnelRuntime.INTERFACE)).orElse(TunnelRuntime.INTERFACE);
    String image = TunnelImage.recordedOrConfigured(context);
    TunnelHelper.Started down = tunnel.docker().startTunnelHelper(new TunnelHelper(image,
        VmSideScript.command(), VmSideScript.downEnvironment(name), name));
    tunnel.docker().removeTunnelHelpers(name);
    if (!VmSideScript.parse(down.output()).ready()) {
      throw new BridgeException(ErrorCode.TUNNEL_VM_FAILED, "the VM side of the tunnel was not taken down: " + down.output().strip(),
          "Run host-bridge uninstall again.");
    }
  }
}
