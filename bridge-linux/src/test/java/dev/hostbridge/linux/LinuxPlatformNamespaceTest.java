package dev.hostbridge.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Linux platform against the real kernel, in a throwaway network namespace, checked with ip. */
class LinuxPlatformNamespaceTest {

  Namespace ns;

  @BeforeEach
  void setUp() throws Exception {
    Privileged.require();
    ns = new Namespace();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (ns != null) {
      ns.close();
    }
  }

  String ok(String... args) throws Exception {
    Namespace.Output out = ns.platform(args);
    assertEquals(0, out.exitCode(), out.text());
    return out.text().trim();
  }

  @Test
  void claimMakesAPersistentTapOwnedByTheUserAndReleaseRemovesIt() throws Exception {
    assertEquals("true", ok("driver"));
    assertEquals("absent", ok("owner", "hbtap0"));
    assertEquals("claimed", ok("claim", "hbtap0", "nobody"));
    String link = ns.ip("-d", "link", "show", "hbtap0");
    assertTrue(link.contains("tun type tap") && link.contains("persist on"), link);
    assertTrue(link.contains("user 65534") || link.contains("user nobody"), link);
    assertEquals("nobody", ok("owner", "hbtap0"));
    // claiming again is harmless
    assertEquals("claimed", ok("claim", "hbtap0", "nobody"));
    assertEquals("released", ok("release", "hbtap0"));
    assertFalse(ns.ip("link", "show").contains("hbtap0"));
    assertEquals("absent", ok("owner", "hbtap0"));
    assertEquals("released", ok("release", "hbtap0"), "releasing what is gone is not an error");
  }

  /**
   * A tap fresh from its creator has no address, which is exactly when host-bridge must find it:
   * the JDK's interface list does not show it then (the defect that hid the tap on every Mac), the
   * platform, which reads sysfs, does.
   */
  @Test
  void anAddresslessTapIsFoundAddressedAndBroughtUp() throws Exception {
    assertEquals("claimed", ok("claim", "hbtap1", "nobody"));
    assertFalse(ns.ip("-4", "addr", "show", "dev", "hbtap1").contains("inet "), "no address yet");
    assertEquals("absent", ok("jdk-find", "hbtap1"), "the JDK lists no interface without an address");
    String fresh = ok("find", "hbtap1");
    assertTrue(fresh.startsWith("InterfaceState[name=hbtap1, up=false, addresses=[], mac=Optional["), fresh);
    assertEquals("added", ok("add-address", "hbtap1", "10.0.75.1/24"));
    assertEquals("up", ok("up", "hbtap1"));
    assertTrue(ns.ip("-4", "addr", "show", "dev", "hbtap1").contains("inet 10.0.75.1/24"));
    assertTrue(ns.ip("link", "show", "hbtap1").contains(",UP"));
    String addressed = ok("find", "hbtap1");
    assertTrue(addressed.contains("up=true") && addressed.contains("addresses=[10.0.75.1/24]"), addressed);
    assertEquals("present", ok("jdk-find", "hbtap1"), "with an address the JDK sees it too");
    assertEquals("released", ok("release", "hbtap1"));
  }

  @Test
  void anInterfaceThatIsNotATapIsRefused() throws Exception {
    ns.ip("link", "add", "hbdummy", "type", "veth", "peer", "name", "hbdummyp");
    Namespace.Output out = ns.platform("owner", "hbdummy");
    assertEquals(1, out.exitCode());
    assertTrue(out.text().contains("platform.linux.not-a-tap"), out.text());
  }

  @Test
  void addressesAndFlags() throws Exception {
    ns.ip("link", "add", "hbd0", "type", "veth", "peer", "name", "hbd0p");
    assertTrue(ok("find", "hbd0").contains("up=false"));
    assertEquals("added", ok("add-address", "hbd0", "10.0.75.1/24"));
    assertEquals("up", ok("up", "hbd0"));
    String addr = ns.ip("-4", "addr", "show", "dev", "hbd0");
    assertTrue(addr.contains("inet 10.0.75.1/24"), addr);
    assertTrue(ns.ip("link", "show", "hbd0").contains(",UP"), "up");
    String found = ok("find", "hbd0");
    assertTrue(found.contains("up=true") && found.contains("10.0.75.1/24"), found);
    // the same address with another prefix replaces it
    assertEquals("added", ok("add-address", "hbd0", "10.0.75.1/16"));
    addr = ns.ip("-4", "addr", "show", "dev", "hbd0");
    assertTrue(addr.contains("inet 10.0.75.1/16") && !addr.contains("/24"), addr);
    assertEquals("removed", ok("remove-address", "hbd0", "10.0.75.1/16"));
    assertFalse(ns.ip("-4", "addr", "show", "dev", "hbd0").contains("10.0.75.1"));
    assertEquals("removed", ok("remove-address", "hbd0", "10.0.75.1/16"), "removing twice is not an error");
    assertEquals("down", ok("down", "hbd0"));
    assertFalse(ns.ip("link", "show", "hbd0").contains(",UP"));
  }

  @Test
  void routesThroughAGatewayAndAnInterface() throws Exception {
    ns.ip("link", "add", "hbd1", "type", "veth", "peer", "name", "hbd1p");
    ns.ip("link", "set", "hbd1", "up");
    ns.ip("addr", "add", "10.0.75.1/24", "dev", "hbd1");
    assertEquals("add-route", ok("add-route", "172.18.0.0/16", "via", "10.0.75.2"));
    assertTrue(ns.ip("route", "show").contains("172.18.0.0/16 via 10.0.75.2 dev hbd1"), ns.ip("route", "show"));
    assertTrue(ok("lookup", "172.18.0.0/16").contains("192.0.2.1") == false);
    assertTrue(ok("lookup", "172.18.0.0/16").contains("10.0.75.2"));
    assertEquals("delete-route", ok("delete-route", "172.18.0.0/16", "via", "10.0.75.2"));
    assertFalse(ns.ip("route", "show").contains("172.18.0.0"));
    assertEquals("delete-route", ok("delete-route", "172.18.0.0/16", "via", "10.0.75.2"), "deleting twice is not an error");
    assertEquals("add-route", ok("add-route", "172.19.0.0/16", "dev", "hbd1"));
    assertTrue(ns.ip("route", "show").contains("172.19.0.0/16 dev hbd1"), ns.ip("route", "show"));
    assertEquals("absent", ok("lookup", "172.20.0.0/16"));
  }

  /**
   * What the test kit's FakePlatform models of routes through a gateway, checked against the real
   * kernel: one whose gateway no interface's subnet holds is refused (ENETUNREACH), and one that was
   * added goes when the address that put its gateway on the link is removed.
   */
  @Test
  void aGatewayRouteNeedsItsGatewayOnTheLinkAndGoesWithTheAddress() throws Exception {
    ns.ip("link", "add", "hbd3", "type", "veth", "peer", "name", "hbd3p");
    ns.ip("link", "set", "hbd3", "up");
    Namespace.Output refused = ns.platform("add-route", "172.18.0.0/16", "via", "10.0.77.254");
    assertTrue(refused.exitCode() != 0, "no interface holds 10.0.77.254: " + refused.text());
    assertFalse(ns.ip("route", "show").contains("172.18.0.0"));

    ns.ip("addr", "add", "10.0.77.1/24", "dev", "hbd3");
    assertEquals("add-route", ok("add-route", "172.18.0.0/16", "via", "10.0.77.254"));
    assertTrue(ns.ip("route", "show").contains("172.18.0.0/16 via 10.0.77.254 dev hbd3"), ns.ip("route", "show"));
    ns.ip("addr", "del", "10.0.77.1/24", "dev", "hbd3");
    assertFalse(ns.ip("route", "show").contains("172.18.0.0"), "the route went with the address: " + ns.ip("route", "show"));
  }

  /** What the tunnel must not take over: every route sharing addresses with a subnet, covering or inside it, but the default. */
  @Test
  void overlappingRoutesAreThoseCoveringOrInsideASubnetButNotTheDefault() throws Exception {
    ns.ip("link", "add", "hbd2", "type", "veth", "peer", "name", "hbd2p");
    ns.ip("link", "set", "hbd2", "up");
    ns.ip("addr", "add", "10.0.76.1/24", "dev", "hbd2");
    ns.ip("route", "add", "default", "via", "10.0.76.2");
    ns.ip("route", "add", "172.16.0.0/12", "via", "10.0.76.2");
    ns.ip("route", "add", "192.168.7.0/24", "dev", "hbd2");
    assertEquals("[Route[destination=172.16.0.0/12, gateway=Optional[10.0.76.2], interfaceName=Optional[hbd2]]]",
        ok("overlapping", "172.17.0.0/16"), "a covering route");
    assertTrue(ok("overlapping", "192.168.0.0/16").contains("192.168.7.0/24"), "a route inside");
    assertEquals("[]", ok("overlapping", "10.254.254.252/30"), "the default route covers everything and counts for nothing");
    assertTrue(ok("overlapping", "10.0.76.0/30").contains("10.0.76.0/24"), "an address's own network counts");
  }

  /** The kernel's notifications reach the watcher: a tap appearing, getting an address, going. */
  @Test
  void watchReportsALinkAppearingGettingAnAddressAndGoing() throws Exception {
    Process watcher = ns.startPlatform("watch", "20");
    try (java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(watcher.getInputStream()))) {
      assertEquals("watching", lines.readLine());
      ns.ip("tuntap", "add", "dev", "hbw0", "mode", "tap");
      ns.ip("addr", "add", "10.0.76.1/24", "dev", "hbw0");
      ns.ip("link", "del", "hbw0");
      java.util.List<String> seen = new java.util.ArrayList<>();
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
      while (seen.stream().filter("changed hbw0"::equals).count() < 3 && System.nanoTime() < deadline) {
        String line = lines.readLine();
        if (line == null) {
          break;
        }
        seen.add(line);
      }
      assertTrue(seen.stream().filter("changed hbw0"::equals).count() >= 3, "link new, address new, link gone: " + seen);
    } finally {
      watcher.destroyForcibly().waitFor();
    }
  }
}
