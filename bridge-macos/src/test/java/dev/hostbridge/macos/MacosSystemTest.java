package dev.hostbridge.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.api.InterfaceState;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.Route;
import dev.hostbridge.core.Settings;
import dev.hostbridge.core.platform.CommandRunner;
import dev.hostbridge.macos.docker.InfoPlist;
import dev.hostbridge.macos.jna.Errno;
import dev.hostbridge.macos.jna.Sysctl;
import dev.hostbridge.macos.jna.SyscallException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Calls into the real macOS: reads that any user may make, and changes that must be refused to
 * a user who is not root (skipped when run as root, so that they never change the machine).
 */
@EnabledOnOs(OS.MAC)
class MacosSystemTest {

  final HostPlatform platform = new MacosPlatform(
      Settings.builder().osName("Mac OS X").environment(Map.of()).build());

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  @Test
  void loopbackIsUpWithItsAddress() {
    InterfaceState lo0 = platform.interfaces().find("lo0").orElseThrow();
    assertTrue(lo0.up());
    assertTrue(lo0.has(Ipv4Cidr.parse("127.0.0.1/8")), lo0.toString());
    assertEquals(Optional.empty(), platform.interfaces().find("tap15x"));
  }

  @Test
  void theWholeTableIsReadWithoutPrivilegeAndTheLoopbackNetworkOverlapsItsHost() {
    byte[] dump = dev.hostbridge.macos.jna.RouteTableSource.sysctl().dump();
    var entries = dev.hostbridge.macos.wire.RouteDump.decode(dump, dump.length);
    assertTrue(entries.stream().anyMatch(e -> e.destinationCidr().equals(Optional.of(Ipv4Cidr.parse("127.0.0.0/8")))),
        "netstat -rn shows 127/8 on lo0: " + entries.size() + " entries");
    // The route to 127/8 shares addresses with 127.0.0.0/24 and lies around it: the dump finds it.
    assertTrue(platform.routes().overlapping(Ipv4Cidr.parse("127.0.0.0/24")).stream()
        .anyMatch(r -> r.destination().equals(Ipv4Cidr.parse("127.0.0.0/8"))));
    assertEquals(java.util.List.of(), platform.routes().overlapping(Ipv4Cidr.parse("198.51.100.0/24")));
  }

  @Test
  void routeToTheLoopbackNetworkIsFoundAndAnUnusedOneIsNot() {
    Route loopback = platform.routes().lookup(Ipv4Cidr.parse("127.0.0.0/8")).orElseThrow();
    assertEquals(Ipv4Cidr.parse("127.0.0.0/8"), loopback.destination());
    assertTrue(loopback.interfaceName().equals(Optional.of("lo0")) || loopback.gateway().equals(Optional.of("127.0.0.1")),
        loopback.toString());
    // TEST-NET-2 (RFC 5737) is never routed on its own.
    assertEquals(Optional.empty(), platform.routes().lookup(Ipv4Cidr.parse("198.51.100.0/24")));
  }

  @Test
  void changesWithoutRootAreRefusedWithEperm() {
    assumeFalse(isRoot(), "running as root: these would change the machine");
    SyscallException address = assertThrows(SyscallException.class,
        () -> platform.interfaces().addAddress("lo0", Ipv4Cidr.parse("127.77.0.1/32")));
    assertEquals(Errno.EPERM, address.errno());
    SyscallException route = assertThrows(SyscallException.class,
        () -> platform.routes().add(Route.viaInterface(Ipv4Cidr.parse("198.51.100.0/24"), "lo0")));
    assertTrue(route.errno() == Errno.EPERM || route.errno() == Errno.EACCES, route.getMessage());
  }

  @Test
  void sysctlAndHostFacts() {
    String version = Sysctl.string("kern.osproductversion").orElseThrow();
    assertTrue(version.matches("[0-9]+(\\.[0-9]+)*"), version);
    assertEquals(version, MacHost.detect().macosVersion());
    assertEquals(Optional.empty(), Sysctl.string("no.such.sysctl"));
  }

  @Test
  void driverPresenceAgreesWithTheDeviceNodes() {
    boolean nodes = IntStream.range(0, 16).anyMatch(n -> Files.exists(Path.of("/dev/tap" + n)));
    assertEquals(nodes, platform.tapDevices().driverPresent());
  }

  @Test
  void readsTheVersionOfASystemApp() {
    Path plist = Path.of("/System/Applications/Calculator.app/Contents/Info.plist");
    Map<String, String> values = InfoPlist.read(plist, new CommandRunner(Duration.ofSeconds(30)));
    assertFalse(values.getOrDefault("CFBundleShortVersionString", "").isEmpty(), values.toString());
  }
}
