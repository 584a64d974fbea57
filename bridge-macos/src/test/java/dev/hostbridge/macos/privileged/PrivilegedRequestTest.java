package dev.hostbridge.macos.privileged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.Route;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrivilegedRequestTest {

  static List<String> argv(String line) {
    return Arrays.asList(line.split(" ", -1));
  }

  @Test
  void everyOperationRoundTripsThroughItsArgv() {
    List<PrivilegedRequest> requests = List.of(
        PrivilegedRequest.claimDevice("tap1", "alice"),
        PrivilegedRequest.releaseDevice("tap15"),
        PrivilegedRequest.addAddress("tap1", Ipv4Cidr.parse("10.0.75.1/24")),
        PrivilegedRequest.removeAddress("tap1", Ipv4Cidr.parse("10.0.75.1/24")),
        PrivilegedRequest.setLink("tap1", false),
        PrivilegedRequest.addRoute(Route.viaGateway(Ipv4Cidr.parse("172.18.0.0/16"), "10.0.75.2")),
        PrivilegedRequest.deleteRoute(Route.viaInterface(Ipv4Cidr.parse("172.18.0.0/16"), "tap1")),
        PrivilegedRequest.installDriver(Path.of("/Users/alice/Downloads/tuntap_20150118.pkg")));
    for (PrivilegedRequest request : requests) {
      assertEquals(request, PrivilegedRequest.fromArgv(request.toArgv()));
    }
    assertEquals(PrivilegedOperation.values().length, requests.stream().map(PrivilegedRequest::operation).distinct().count(),
        "every operation is covered");
  }

  @Test
  void argvIsVerbThenArguments() {
    assertEquals(List.of("add-route", "172.18.0.0/16", "gateway", "10.0.75.2"),
        PrivilegedRequest.addRoute(Route.viaGateway(Ipv4Cidr.parse("172.18.0.0/16"), "10.0.75.2")).toArgv());
    assertEquals(List.of("set-link", "tap1", "up"), PrivilegedRequest.setLink("tap1", true).toArgv());
  }

  @Test
  void aRouteIsSentInNetworkForm() {
    PrivilegedRequest request = PrivilegedRequest.addRoute(Route.viaInterface(Ipv4Cidr.parse("172.18.9.9/16"), "tap1"));
    assertEquals("172.18.0.0/16", request.arguments().get(0));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",                                         // nothing
      "rm -rf /",                                 // not an operation
      "claim-device tap1",                        // too few arguments
      "claim-device tap1 alice extra",            // too many
      "claim-device tap16 alice",                 // no such tuntaposx device
      "claim-device ../etc/passwd alice",
      "claim-device tap1 -alice",                 // not a user name
      "claim-device tap1 al;ce",
      "add-address en0 10.0.75.1/24",             // only tap interfaces
      "add-address tap1 10.0.75.1",               // no prefix
      "add-address tap1 10.0.75.1/4",             // too wide
      "add-address tap1 010.0.75.1/24",           // another spelling
      "set-link tap1 sideways",
      "add-route 0.0.0.0/0 gateway 10.0.75.2",    // never a default route
      "add-route 172.18.0.1/16 gateway 10.0.75.2",// not in network form
      "add-route 172.18.0.0/16 gateway tap1",     // kind and hop disagree
      "add-route 172.18.0.0/16 interface 10.0.75.2",
      "add-route 172.18.0.0/16 interface en0",
      "add-route 172.18.0.0/16 via 10.0.75.2",
      "install-driver tuntap.pkg",                // relative
      "install-driver /tmp/../etc/tuntap.pkg",    // not normalized
      "install-driver /tmp/tuntap.sh",            // not a package
  })
  void refusesAnythingOutsideTheAllowList(String line) {
    BridgeException e = assertThrows(BridgeException.class, () -> PrivilegedRequest.fromArgv(argv(line)));
    assertEquals("helper.refused", e.code());
  }

  @Test
  void refusesControlCharactersAndSaysSoPrintably() {
    BridgeException e = assertThrows(BridgeException.class,
        () -> PrivilegedRequest.fromArgv(List.of("install-driver", "/tmp/a\nb.pkg")));
    assertTrue(e.getMessage().contains("/tmp/a?b.pkg"), e.getMessage());
  }

  @Test
  void aRouteWithBothOrNoNextHopCannotBeEncoded() {
    Route neither = new Route(Ipv4Cidr.parse("172.18.0.0/16"), java.util.Optional.empty(), java.util.Optional.empty());
    assertThrows(BridgeException.class, () -> PrivilegedRequest.addRoute(neither));
  }
}
