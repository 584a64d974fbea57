package dev.hostbridge.core.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.InterfaceState;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.PacketDevice;
import dev.hostbridge.api.Route;
import dev.hostbridge.api.TunnelDevices;
import dev.hostbridge.core.Settings;
import dev.hostbridge.testkit.FakePlatform;
import dev.hostbridge.wireguard.WireGuardEndpoint;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's end of the tunnel on a fake platform whose tunnel device behaves as Linux's TUN does:
 * the interface exists while the device is open, comes without addresses, and the kernel removes
 * it with its routes when the device closes (the real TUN is checked in TunnelIT).
 */
class TunnelRuntimeTest {

  @TempDir Path runDir;
  final List<String> said = new ArrayList<>();

  /** The platform with a TUN that the kernel would make and take away. */
  static final class TunPlatform extends FakePlatform {
    @Override
    public TunnelDevices tunnelDevices() {
      return (name, mtu) -> {
        interfaces.put(name, new InterfaceState(name, false, List.of(), Optional.empty()));
        CountDownLatch closed = new CountDownLatch(1);
        return new PacketDevice() {
          @Override
          public String name() {
            return name;
          }

          @Override
          public int read(ByteBuffer into) throws java.io.IOException {
            try {
              closed.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return -1;
          }

          @Override
          public void write(ByteBuffer from) {}

          @Override
          public void close() {
            interfaces.remove(name);
            routes.removeIf(r -> r.interfaceName().equals(Optional.of(name)));
            closed.countDown();
          }
        };
      };
    }
  }

  final TunPlatform platform = new TunPlatform();
  final BridgeConfig config = Settings.builder().osName("Linux").build();
  TunnelRuntime runtime;

  @org.junit.jupiter.api.BeforeEach
  void make() {
    runtime = new TunnelRuntime(platform, config, runDir, said::add);
  }

  @AfterEach
  void close() {
    runtime.close();
  }

  @Test
  void theHostsEndHasItsAddressListensOnLoopbackAndGoesWhenClosed() {
    String key = WireGuardEndpoint.generatePrivateKey();
    runtime.start(key);
    InterfaceState tun = platform.interfaces.get(TunnelRuntime.INTERFACE);
    assertTrue(tun.up() && tun.has(config.tunnelHostAddress()), tun.toString());
    assertEquals("127.0.0.1", runtime.bind().getAddress().getHostAddress(), "never every interface by default");
    assertTrue(runtime.bind().getPort() > 0);
    assertEquals(WireGuardEndpoint.publicKey(key), runtime.publicKey());
    assertTrue(runDir.resolve(TunnelRuntime.INTERFACE + ".sock").toFile().exists(), "wg show can ask it: " + said);
    runtime.close();
    assertFalse(platform.interfaces.containsKey(TunnelRuntime.INTERFACE));
    assertFalse(runDir.resolve(TunnelRuntime.INTERFACE + ".sock").toFile().exists());
    assertFalse(runtime.running());
  }

  @Test
  void routesFollowTheWantedSubnetsAndOnesTheHostRoutesAlreadyAreSkipped() {
    runtime.start(WireGuardEndpoint.generatePrivateKey());
    Ipv4Cidr a = Ipv4Cidr.parse("172.17.0.0/16");
    Ipv4Cidr b = Ipv4Cidr.parse("172.18.0.0/16");
    Ipv4Cidr taken = Ipv4Cidr.parse("192.168.1.0/24");
    platform.routes.add(Route.viaInterface(taken, "eth0"));

    runtime.syncRoutes(Set.of(a, b, taken));
    assertEquals(Set.of(a, b), runtime.routes());
    assertTrue(platform.routes.contains(Route.viaInterface(a, "hbtun0")));
    assertEquals(List.of(taken), runtime.skippedRoutes().stream().map(TunnelRuntime.Skipped::subnet).toList());
    assertTrue(platform.routes.contains(Route.viaInterface(taken, "eth0")), "the host's own route is left alone");
    assertTrue(said.stream().anyMatch(line -> line.contains("192.168.1.0/24 is not routed")), said.toString());

    // a VPN's range that covers a Docker subnet, and a LAN inside another: neither is taken over
    Ipv4Cidr covered = Ipv4Cidr.parse("172.20.0.0/16");
    Ipv4Cidr holding = Ipv4Cidr.parse("172.21.0.0/16");
    platform.routes.add(Route.viaGateway(Ipv4Cidr.parse("172.20.0.0/14"), "192.168.1.1"));
    platform.routes.add(Route.viaInterface(Ipv4Cidr.parse("172.21.5.0/24"), "eth0"));
    platform.routes.add(Route.viaGateway(Ipv4Cidr.parse("0.0.0.0/0"), "192.168.1.1"));
    runtime.syncRoutes(Set.of(a, b, taken, covered, holding));
    assertEquals(Set.of(a, b), runtime.routes(), "the default route takes nothing away; the others do");
    assertEquals(Set.of(taken, covered, holding),
        runtime.skippedRoutes().stream().map(TunnelRuntime.Skipped::subnet).collect(java.util.stream.Collectors.toSet()));

    runtime.syncRoutes(Set.of(a));
    assertEquals(Set.of(a), runtime.routes());
    assertFalse(platform.routes.contains(Route.viaInterface(b, "hbtun0")), "a network that went takes its route along");
    assertEquals(List.of(), runtime.skippedRoutes());

    runtime.close();
    assertFalse(platform.routes.stream().anyMatch(r -> r.interfaceName().equals(Optional.of("hbtun0"))), "the kernel took the rest");
  }

  @Test
  void aTunnelAddressTheHostAlreadyRoutesIsBlockedBeforeAnythingIsMade() {
    platform.routes.add(Route.viaInterface(Ipv4Cidr.parse("10.254.0.0/16"), "eth0"));
    var harness = new dev.hostbridge.testkit.StepHarness(new TunnelHost(new Tunnel(config, () -> null, Optional.of(runtime))),
        config, platform, new dev.hostbridge.testkit.FakeDocker());
    var status = harness.check();
    assertEquals(dev.hostbridge.api.StepStatus.State.BLOCKED, status.state());
    assertTrue(status.reason().contains("10.254.254.252/30") && status.remedy().contains("--tunnel-address"), status.toString());
    assertFalse(platform.interfaces.containsKey(TunnelRuntime.INTERFACE), "nothing was made");
  }

  @Test
  void whenTheEngineComesBackTheVmSideIsSetUpAgainAtOnce() {
    runtime.start(WireGuardEndpoint.generatePrivateKey());
    runtime.vmMayHaveRestarted();
    assertFalse(runtime.vmStale(), "no VM side yet: nothing to set up again");
    runtime.setVm(WireGuardEndpoint.publicKey(WireGuardEndpoint.generatePrivateKey()), List.of(), List.of());
    runtime.vmMayHaveRestarted();
    assertTrue(runtime.vmStale());
    var engine = new dev.hostbridge.core.testing.FakeDockerEngine();
    var harness = new dev.hostbridge.testkit.StepHarness(new TunnelVm(new Tunnel(config, () -> engine, Optional.of(runtime))),
        config, platform, new dev.hostbridge.testkit.FakeDocker());
    var status = harness.check();
    assertEquals(dev.hostbridge.api.StepStatus.State.PENDING, status.state());
    assertTrue(status.reason().contains("came back"), status.reason());
    engine.firewallBackend = Optional.of("iptables");
    assertEquals(dev.hostbridge.api.StepStatus.State.PENDING, new dev.hostbridge.testkit.StepHarness(
        new TunnelVm(new Tunnel(config, () -> engine, Optional.of(runtime))), config, platform, new dev.hostbridge.testkit.FakeDocker())
        .check().state(), "Engine 28.2+ says iptables: nothing in the way");
    runtime.setVm(runtime.vmKey().orElseThrow(), List.of(), List.of());
    assertFalse(runtime.vmStale(), "set up again, it is current");
  }

  @Test
  void anEngineOnNftablesBlocksTheVmSideWithTheSettingToChangeAndNoHelperRuns() {
    runtime.start(WireGuardEndpoint.generatePrivateKey());
    var engine = new dev.hostbridge.core.testing.FakeDockerEngine();
    engine.firewallBackend = Optional.of("nftables");
    var harness = new dev.hostbridge.testkit.StepHarness(new TunnelVm(new Tunnel(config, () -> engine, Optional.of(runtime))),
        config, platform, new dev.hostbridge.testkit.FakeDocker());
    var status = harness.check();
    assertEquals(dev.hostbridge.api.StepStatus.State.BLOCKED, status.state());
    assertEquals("tunnel.nftables", status.code());
    assertTrue(status.reason().contains("nftables") && status.remedy().contains("\"firewall-backend\": \"iptables\""), status.toString());
    assertEquals(dev.hostbridge.api.BridgeException.Kind.PREREQUISITE, status.failure().orElseThrow());
    assertTrue(engine.helperRuns.isEmpty(), "nothing was run in the VM");
  }

  @Test
  void theVmIsTheOnePeerWithItsAddressAndTheNetworksAsAllowedIps() {
    runtime.start(WireGuardEndpoint.generatePrivateKey());
    String vm = WireGuardEndpoint.publicKey(WireGuardEndpoint.generatePrivateKey());
    runtime.setVm(vm, List.of(Ipv4Cidr.parse("172.17.0.0/16")), List.of("br-1234"));
    WireGuardEndpoint.PeerStatus peer = runtime.vmStatus().orElseThrow();
    assertEquals(vm, peer.publicKey());
    assertEquals("[10.254.254.254/32, 172.17.0.0/16]", peer.allowedIps().toString());
    assertEquals(List.of("br-1234"), runtime.vmLayout());
    assertEquals(Optional.empty(), runtime.lastHeardFromVm(), "nothing heard yet");
  }
}
