package dev.hostbridge.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.api.InterfaceState;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.Route;
import dev.hostbridge.core.Settings;
import dev.hostbridge.macos.tunnel.UtunDevice;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The interface and route code against a real XNU, on a utun that the test opens (no kext
 * needed), as root: the CI workflow for macOS runs it with sudo. A utun is point-to-point, so its
 * address goes with a destination (MacosInterfaces gives its own address there). Addresses are from TEST-NET-3 and
 * 198.18.0.0/15 (RFC 5737, RFC 2544), which no real network uses.
 */
@EnabledOnOs(OS.MAC)
class MacosUtunTest {

  static final Ipv4Cidr ADDRESS = Ipv4Cidr.parse("203.0.113.1/30");
  static final Ipv4Cidr SUBNET = Ipv4Cidr.parse("198.18.77.0/24");

  final HostPlatform platform = new MacosPlatform(
      Settings.builder().osName("Mac OS X").environment(Map.of()).build());

  @Test
  void aFreshUtunIsFoundThenAddressedRoutedAndCleanedUp() {
    assumeTrue(MacosSystemTest.isRoot(), "needs root: run with sudo (the macOS workflow does)");
    try (UtunDevice utun = UtunDevice.open()) {
      assertTrue(utun.name().matches("utun[0-9]+"), utun.name());
      InterfaceState fresh = platform.interfaces().find(utun.name()).orElseThrow(
          () -> new AssertionError(utun.name() + " exists while its socket is open, address or not"));
      assertEquals(java.util.List.of(), fresh.addresses(), fresh.toString());

      platform.interfaces().addAddress(utun.name(), ADDRESS);
      platform.interfaces().setUp(utun.name(), true);
      InterfaceState addressed = platform.interfaces().find(utun.name()).orElseThrow();
      assertTrue(addressed.has(ADDRESS) && addressed.up(), addressed.toString());

      Route route = Route.viaInterface(SUBNET, utun.name());
      platform.routes().add(route);
      assertEquals(Optional.of(route), platform.routes().lookup(SUBNET));
      platform.routes().delete(route);
      assertEquals(Optional.empty(), platform.routes().lookup(SUBNET));

      platform.interfaces().removeAddress(utun.name(), ADDRESS);
      assertFalse(platform.interfaces().find(utun.name()).orElseThrow().has(ADDRESS));
      String name = utun.name();
      utun.close();
      assertEquals(Optional.empty(), platform.interfaces().find(name), "closing the socket removes the interface");
    }
  }

  @Test
  void lo0FlagsAreReadWithoutRoot() {
    InterfaceState lo0 = platform.interfaces().find("lo0").orElseThrow();
    assertTrue(lo0.up(), lo0.toString());
    assertEquals(Optional.empty(), lo0.mac());
  }

  @Test
  void theWatchHearsAUtunComeAndGo() throws Exception {
    assumeTrue(MacosSystemTest.isRoot(), "needs root to open a utun: run with sudo (the macOS workflow does)");
    java.util.concurrent.BlockingQueue<String> changed = new java.util.concurrent.LinkedBlockingQueue<>();
    try (AutoCloseable watch = platform.interfaces().watch(changed::add)) {
      String name;
      try (UtunDevice utun = UtunDevice.open()) {
        name = utun.name();
        platform.interfaces().addAddress(name, ADDRESS);
        awaitName(changed, name);
      }
      assertTrue(changed.poll(5, java.util.concurrent.TimeUnit.SECONDS) != null, "closing the utun is heard too");
    }
  }

  static void awaitName(java.util.concurrent.BlockingQueue<String> changed, String name) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      String next = changed.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
      if (name.equals(next)) {
        return;
      }
    }
    throw new AssertionError("no change of " + name + " was reported");
  }
}
