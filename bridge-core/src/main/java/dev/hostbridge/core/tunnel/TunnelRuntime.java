package dev.hostbridge.core.tunnel;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.PacketDevice;
import dev.hostbridge.api.Route;
import dev.hostbridge.wireguard.Cidr;
import dev.hostbridge.wireguard.DevicePump;
import dev.hostbridge.wireguard.UapiSocket;
import dev.hostbridge.wireguard.WireGuardConfig;
import dev.hostbridge.wireguard.WireGuardEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The host's side of the tunnel, alive in the process that keeps it (the watcher): the tunnel
 * interface with the host's end of {@code --tunnel-address}, our WireGuard endpoint on
 * {@code --tunnel-listen} with the VM as its one peer, and a route into the interface for each
 * Docker network's subnet. Everything it makes goes when it is closed or the process ends: the
 * kernel removes the interface with its addresses and routes once the device's descriptor closes.
 */
public final class TunnelRuntime implements AutoCloseable {

  /** The tunnel interface's name where the platform lets host-bridge choose (Linux); macOS names its utun. */
  public static final String INTERFACE = "hbtun0";
  static final int MTU = 1420;

  /** A route that was not added because the host already routes that destination elsewhere. */
  public record Skipped(Ipv4Cidr subnet, String reason) {}

  private final HostPlatform platform;
  private final BridgeConfig config;
  private final Path runDir;
  private final Consumer<String> log;
  private PacketDevice device;
  private DevicePump pump;
  private WireGuardEndpoint endpoint;
  private UapiSocket uapi;
  private String vmKey;
  private List<Ipv4Cidr> vmSubnets = List.of();
  private final Set<Ipv4Cidr> routed = new LinkedHashSet<>();
  private final Map<Ipv4Cidr, Skipped> skipped = new LinkedHashMap<>();
  private List<String> layout = List.of();
  private boolean vmStale;

  /** {@code runDir} is where the userspace-API socket goes, so that {@code wg show} sees the tunnel. */
  public TunnelRuntime(HostPlatform platform, BridgeConfig config, Path runDir, Consumer<String> log) {
    this.platform = platform;
    this.config = config;
    this.runDir = runDir;
    this.log = log;
  }

  public synchronized boolean running() {
    return endpoint != null;
  }

  /** Makes the interface, gives it the host's end of the tunnel, and starts the endpoint with {@code privateKey}. */
  public synchronized void start(String privateKey) {
    if (running()) {
      return;
    }
    PacketDevice opened = platform.tunnelDevices().open(INTERFACE, MTU);
    DevicePump opening = new DevicePump(opened);
    WireGuardEndpoint started = null;
    try {
      platform.interfaces().addAddress(opened.name(), config.tunnelHostAddress());
      platform.interfaces().setUp(opened.name(), true);
      InetSocketAddress bind = new InetSocketAddress(java.net.InetAddress.getByName(
          Ipv4Cidr.formatAddress(config.tunnelListenAddress())), config.tunnelListenPort());
      started = new WireGuardEndpoint(privateKey, bind, List.of(), opening);
      opening.start(started);
    } catch (IOException | RuntimeException e) {
      closeQuietly(started);
      closeQuietly(opening);
      throw e instanceof BridgeException b ? b : new BridgeException(ErrorCode.WIREGUARD_FAILED,
          "cannot start the host's end of the tunnel: " + e.getMessage(),
          "Check that --tunnel-listen is an address of this host and its port is free.", e);
    }
    device = opened;
    pump = opening;
    endpoint = started;
    try {
      uapi = UapiSocket.listen(runDir, opened.name(), started);
    } catch (IOException | RuntimeException e) {
      log.accept("wg show will not see " + opened.name() + ": " + e.getMessage());
    }
    log.accept("tunnel: " + opened.name() + " has " + config.tunnelHostAddress() + "; WireGuard listens on " + bind());
  }

  public synchronized String interfaceName() {
    requireRunning();
    return device.name();
  }

  /** Where the endpoint listens (its port is what the VM side is told). */
  public synchronized InetSocketAddress bind() {
    requireRunning();
    try {
      return endpoint.localAddress();
    } catch (IOException e) {
      throw new BridgeException(ErrorCode.WIREGUARD_FAILED, "the tunnel's socket is closed", "Restart host-bridge watch.", e);
    }
  }

  public synchronized String publicKey() {
    requireRunning();
    return endpoint.publicKey();
  }

  /**
   * Makes the VM (its public key, as the VM side printed it) the endpoint's one peer, with the VM's
   * tunnel address and {@code subnets} as its allowed IPs: what the VM may send from, and where the
   * host sends through it.
   */
  public synchronized void setVm(String key, List<Ipv4Cidr> subnets, List<String> vmLayout) {
    requireRunning();
    List<Cidr> allowed = new ArrayList<>();
    allowed.add(Cidr.parse(Ipv4Cidr.formatAddress(config.tunnelVmAddress().address()) + "/32"));
    subnets.forEach(subnet -> allowed.add(Cidr.parse(subnet.toString())));
    endpoint.setPeers(List.of(new WireGuardConfig.Peer(key, Optional.empty(), allowed, Optional.empty(), 0)));
    vmKey = key;
    vmSubnets = List.copyOf(subnets);
    layout = List.copyOf(vmLayout);
    vmStale = false;
  }

  /** The VM may have restarted (its engine came back): its side is to be set up again, whatever was heard from it. */
  public synchronized void vmMayHaveRestarted() {
    vmStale = vmKey != null;
  }

  public synchronized boolean vmStale() {
    return vmStale;
  }

  public synchronized Optional<String> vmKey() {
    return Optional.ofNullable(vmKey);
  }

  /** The subnets the VM's peer was last given. */
  public synchronized List<Ipv4Cidr> vmSubnets() {
    return vmSubnets;
  }

  /** What the VM side was last set up for besides the tunnel (see {@link Tunnel#layout}). */
  public synchronized List<String> vmLayout() {
    return layout;
  }

  /** When the VM last sent an authenticated message (its keepalives come every 25 s); empty when never. */
  public synchronized Optional<Instant> lastHeardFromVm() {
    return vmKey == null || endpoint == null ? Optional.empty() : endpoint.lastReceived(vmKey);
  }

  /** The VM's peer as {@code wg show} would report it. */
  public synchronized Optional<WireGuardEndpoint.PeerStatus> vmStatus() {
    return endpoint == null ? Optional.empty() : endpoint.peers().stream().findFirst();
  }

  /**
   * Routes {@code wanted} into the tunnel: adds what is missing, removes what is no longer wanted.
   * A subnet that shares addresses with a route of the host's (a VPN's range, a LAN; default routes
   * aside) is skipped and reported, never taken over.
   */
  public synchronized void syncRoutes(Set<Ipv4Cidr> wanted) {
    requireRunning();
    String name = device.name();
    for (Ipv4Cidr gone : new ArrayList<>(routed)) {
      if (!wanted.contains(gone)) {
        platform.routes().delete(Route.viaInterface(gone, name));
        routed.remove(gone);
      }
    }
    skipped.keySet().retainAll(wanted);
    for (Ipv4Cidr subnet : wanted) {
      if (routed.contains(subnet)) {
        continue;
      }
      List<Route> overlapping = platform.routes().overlapping(subnet);
      List<Route> others = overlapping.stream().filter(route -> !route.interfaceName().equals(Optional.of(name))).toList();
      if (!others.isEmpty()) {
        if (skipped.put(subnet, new Skipped(subnet, "the host routes it, or part of it, already: " + others)) == null) {
          log.accept("tunnel: " + subnet + " is not routed into " + name + ": the host routes it, or part of it, already " + others);
        }
        continue;
      }
      // Ours already (a watcher's earlier look): the exact route through this interface, seen in the same answer.
      if (overlapping.stream().noneMatch(route -> route.destination().network().equals(subnet.network()))) {
        platform.routes().add(Route.viaInterface(subnet, name));
      }
      routed.add(subnet);
      skipped.remove(subnet);
    }
  }

  public synchronized Set<Ipv4Cidr> routes() {
    return Set.copyOf(routed);
  }

  public synchronized List<Skipped> skippedRoutes() {
    return List.copyOf(skipped.values());
  }

  private void requireRunning() {
    if (!running()) {
      throw new IllegalStateException("the host's end of the tunnel is not running");
    }
  }

  /** Stops the endpoint and closes the interface; the kernel takes its addresses and routes with it. */
  @Override
  public synchronized void close() {
    if (uapi != null) {
      uapi.close();
      uapi = null;
    }
    closeQuietly(endpoint);
    closeQuietly(pump);
    endpoint = null;
    pump = null;
    device = null;
    vmKey = null;
    routed.clear();
    skipped.clear();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      // closing for good
    }
  }
}
