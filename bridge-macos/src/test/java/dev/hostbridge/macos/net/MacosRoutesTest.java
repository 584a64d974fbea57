package dev.hostbridge.macos.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.Route;
import dev.hostbridge.macos.jna.Errno;
import dev.hostbridge.macos.jna.SyscallException;
import dev.hostbridge.macos.wire.DarwinNet;
import dev.hostbridge.macos.wire.IfReq;
import dev.hostbridge.macos.wire.RouteMessage;
import dev.hostbridge.macos.wire.RouteRequests;
import dev.hostbridge.macos.wire.SockaddrDl;
import dev.hostbridge.macos.wire.SockaddrIn;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MacosRoutesTest {

  static final int PID = 4242;
  static final Ipv4Cidr SUBNET = Ipv4Cidr.parse("172.18.0.0/16");

  final FakeKernel kernel = new FakeKernel();
  final MacosRoutes routes = new MacosRoutes(kernel, new IfaddrsDirectory(kernel), PID, kernel::dumpRoutes);

  MacosRoutesTest() {
    kernel.attach("tap1", 11, FakeKernel.TAP_FLAGS | IfReq.IFF_UP).addresses.add(Ipv4Cidr.parse("10.0.75.1/24"));
  }

  /** A kernel answer to an RTM_GET: the request's header with the route's sockaddrs. */
  static byte[] answer(byte[] request, int flags, int errno, Map<Integer, byte[]> sockaddrs) {
    ByteBuffer in = ByteBuffer.wrap(request).order(ByteOrder.LITTLE_ENDIAN);
    byte[] reply = RouteMessage.encode(RouteMessage.RTM_GET, flags | 0x40, in.getInt(20), in.getInt(16), sockaddrs);
    ByteBuffer.wrap(reply).order(ByteOrder.LITTLE_ENDIAN).putInt(24, errno).putShort(4, (short) 11);
    return reply;
  }

  static Map<Integer, byte[]> sockaddrs(Ipv4Cidr destination, byte[] gateway) {
    Map<Integer, byte[]> map = new LinkedHashMap<>();
    map.put(RouteMessage.RTA_DST, SockaddrIn.encode(destination.network().address()));
    map.put(RouteMessage.RTA_GATEWAY, gateway);
    map.put(RouteMessage.RTA_NETMASK, SockaddrIn.encode(destination.netmask()));
    map.put(RouteMessage.RTA_IFP, SockaddrDl.encode(11, "tap1"));
    return map;
  }

  /** Someone else's routing message, which the reader must skip. */
  static byte[] foreign() {
    return RouteMessage.encode(RouteMessage.RTM_ADD, 1, 1, 999, Map.of(RouteMessage.RTA_DST, SockaddrIn.encode(0x0a000000)));
  }

  @Test
  void addThroughAGatewayWritesRoutesMessageOnARoutingSocket() {
    routes.add(Route.viaGateway(SUBNET, "10.0.75.2"));
    assertEquals(List.of(new FakeKernel.Opened(DarwinNet.PF_ROUTE, DarwinNet.SOCK_RAW, 0)), kernel.opened);
    byte[] expected = RouteRequests.add(SUBNET, new RouteRequests.Gateway(Ipv4Cidr.parseAddress("10.0.75.2")), 1, PID);
    assertArrayEquals(expected, kernel.written().get(0));
    assertEquals(1, kernel.closed);
  }

  @Test
  void addOutOfAnInterfaceUsesItsIndex() {
    routes.add(Route.viaInterface(SUBNET, "tap1"));
    assertArrayEquals(RouteRequests.add(SUBNET, new RouteRequests.Link(11, "tap1"), 1, PID), kernel.written().get(0));
  }

  @Test
  void addOutOfAMissingInterfaceSaysTheTapIsNotOpen() {
    BridgeException e = assertThrows(BridgeException.class, () -> routes.add(Route.viaInterface(SUBNET, "tap2")));
    assertEquals(BridgeException.Kind.PREREQUISITE, e.kind());
    assertTrue(kernel.written().isEmpty());
  }

  @Test
  void addOutOfAnInterfaceWithoutAnIpv4AddressIsRefusedBeforeAnyWrite() {
    kernel.openTap("tap2");
    BridgeException e = assertThrows(BridgeException.class, () -> routes.add(Route.viaInterface(SUBNET, "tap2")));
    assertEquals("macos.route.no-address", e.code());
    assertEquals(BridgeException.Kind.PREREQUISITE, e.kind());
    assertTrue(kernel.written().isEmpty());
  }

  /** One entry of a NET_RT_DUMP, as sysctl_dumpentry writes it: RTM_GET, pid and seq zero, the interface by index, no RTA_IFP. */
  static byte[] entry(Ipv4Cidr destination, int flags, int index, byte[] gateway) {
    Map<Integer, byte[]> sockaddrs = new LinkedHashMap<>();
    sockaddrs.put(RouteMessage.RTA_DST, SockaddrIn.encode(destination.network().address()));
    sockaddrs.put(RouteMessage.RTA_GATEWAY, gateway);
    if ((flags & RouteMessage.RTF_HOST) == 0) {
      sockaddrs.put(RouteMessage.RTA_NETMASK, SockaddrIn.encode(destination.netmask()));
    }
    byte[] message = RouteMessage.encode(RouteMessage.RTM_GET, flags, 0, 0, sockaddrs);
    ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN).putShort(4, (short) index);
    return message;
  }

  @Test
  void overlappingReadsTheWholeTableAndFindsRoutesInsideTheSubnetToo() {
    kernel.attach("utun4", 14, IfReq.IFF_UP);
    kernel.attach("en0", 4, IfReq.IFF_UP);
    byte[] router = SockaddrIn.encode(Ipv4Cidr.parseAddress("192.168.1.1"));
    Ipv4Cidr vpn = Ipv4Cidr.parse("172.16.0.0/12");
    Ipv4Cidr inner = Ipv4Cidr.parse("172.18.5.0/24");
    kernel.routeTable.addAll(List.of(
        entry(Ipv4Cidr.parse("0.0.0.0/0"), RouteMessage.RTF_UP | RouteMessage.RTF_GATEWAY | RouteMessage.RTF_STATIC, 4, router),
        entry(Ipv4Cidr.parse("0.0.0.0/0"), RouteMessage.RTF_UP | RouteMessage.RTF_GATEWAY | RouteMessage.RTF_IFSCOPE, 14,
            SockaddrIn.encode(Ipv4Cidr.parseAddress("10.8.0.1"))),
        entry(vpn, RouteMessage.RTF_UP | RouteMessage.RTF_GATEWAY | RouteMessage.RTF_STATIC, 14,
            SockaddrIn.encode(Ipv4Cidr.parseAddress("10.8.0.1"))),
        entry(inner, RouteMessage.RTF_UP | RouteMessage.RTF_STATIC, 14, SockaddrDl.encode(14, "")),
        entry(Ipv4Cidr.parse("172.18.0.0/16"), RouteMessage.RTF_UP | RouteMessage.RTF_IFSCOPE, 14, SockaddrDl.encode(14, "utun4")),
        entry(Ipv4Cidr.parse("172.18.9.9/32"), RouteMessage.RTF_UP | RouteMessage.RTF_HOST | RouteMessage.RTF_LLINFO
            | RouteMessage.RTF_WASCLONED, 14, SockaddrDl.encode(14, "utun4")),
        entry(Ipv4Cidr.parse("172.18.255.255/32"), RouteMessage.RTF_UP | RouteMessage.RTF_HOST | RouteMessage.RTF_BROADCAST, 14,
            SockaddrDl.encode(14, "utun4")),
        entry(Ipv4Cidr.parse("192.168.1.0/24"), RouteMessage.RTF_UP | RouteMessage.RTF_CLONING, 4, SockaddrDl.encode(4, "en0"))));
    kernel.answers = request -> {
      throw new AssertionError("the table was dumped: no lookup is needed");
    };
    assertEquals(List.of(Route.viaGateway(vpn, "10.8.0.1"), Route.viaInterface(inner, "utun4")), routes.overlapping(SUBNET),
        "the covering VPN range and the one inside; not the default route, a scoped copy, ARP's clone or a broadcast entry");
    assertEquals(List.of(), routes.overlapping(Ipv4Cidr.parse("10.99.0.0/16")));
  }

  @Test
  void aDamagedDumpFallsBackToLookups() {
    kernel.routeTable.add(new byte[] {(byte) 200, 0, 5});
    kernel.answers = request -> List.of(answer(request, 0, Errno.ESRCH, Map.of()));
    assertEquals(List.of(), routes.overlapping(SUBNET));
    assertEquals(2, kernel.calls.stream().filter(call -> call.what().equals("write")).count(), kernel.calls.toString());
  }

  @Test
  void overlappingFindsTheRouteThatCoversASubnetButNotTheDefaultRoute() {
    kernel.dumpErrno = Errno.EPERM; // what two lookups find, should the dump fail
    Ipv4Cidr vpn = Ipv4Cidr.parse("172.16.0.0/12");
    // the exact lookup finds nothing (ESRCH); the host lookup of 172.17.0.0 answers the covering /12
    kernel.answers = request -> {
      boolean host = (ByteBuffer.wrap(request).order(ByteOrder.LITTLE_ENDIAN).getInt(8) & RouteMessage.RTF_HOST) != 0;
      return List.of(host ? answer(request, RouteMessage.RTF_UP | RouteMessage.RTF_GATEWAY, 0,
          sockaddrs(vpn, SockaddrIn.encode(Ipv4Cidr.parseAddress("10.0.75.2")))) : answer(request, 0, Errno.ESRCH, Map.of()));
    };
    assertEquals(List.of(Route.viaGateway(vpn, "10.0.75.2")), routes.overlapping(SUBNET));

    kernel.answers = request -> {
      boolean host = (ByteBuffer.wrap(request).order(ByteOrder.LITTLE_ENDIAN).getInt(8) & RouteMessage.RTF_HOST) != 0;
      return List.of(host ? answer(request, RouteMessage.RTF_UP | RouteMessage.RTF_GATEWAY, 0,
          sockaddrs(Ipv4Cidr.parse("0.0.0.0/0"), SockaddrIn.encode(Ipv4Cidr.parseAddress("10.0.75.2")))) : answer(request, 0, Errno.ESRCH, Map.of()));
    };
    assertEquals(List.of(), routes.overlapping(SUBNET), "the default route covers everything and counts for nothing");
  }

  @Test
  void aHostLookupDoesNotTakeAnArpEntryForARoute() {
    Ipv4Cidr host = Ipv4Cidr.parse("10.0.75.2/32");
    // What a longest match answers for an address ARP has resolved on tap1: a cloned host entry.
    kernel.answers = request -> List.of(answer(request,
        RouteMessage.RTF_UP | RouteMessage.RTF_HOST | RouteMessage.RTF_LLINFO | RouteMessage.RTF_WASCLONED, 0,
        hostSockaddrs(host, SockaddrDl.encode(11, "tap1"))));
    assertEquals(Optional.empty(), routes.lookup(host));
  }

  @Test
  void aHostRouteAddedOutOfATapIsFoundThoughXnuMarksItLlinfo() {
    Ipv4Cidr host = Ipv4Cidr.parse("10.0.75.9/32");
    kernel.answers = request -> List.of(answer(request,
        RouteMessage.RTF_UP | RouteMessage.RTF_HOST | RouteMessage.RTF_STATIC | RouteMessage.RTF_LLINFO, 0,
        hostSockaddrs(host, SockaddrDl.encode(11, "tap1"))));
    assertEquals(Optional.of(Route.viaInterface(host, "tap1")), routes.lookup(host));
  }

  @Test
  void deletingARouteOutOfAnInterfaceNeedsNoAddressOnIt() {
    int index = kernel.openTap("tap2").index;
    Map<Integer, byte[]> found = sockaddrs(SUBNET, SockaddrDl.encode(index, "tap2"));
    found.put(RouteMessage.RTA_IFP, SockaddrDl.encode(index, "tap2"));
    kernel.answers = request -> request[3] == RouteMessage.RTM_GET
        ? List.of(answer(request, RouteMessage.RTF_UP, 0, found))
        : List.of();
    routes.delete(Route.viaInterface(SUBNET, "tap2"));
    assertEquals(2, kernel.written().size(), "RTM_GET, then RTM_DELETE");
  }

  @Test
  void aHostLookupFindsAStaticHostRoute() {
    Ipv4Cidr host = Ipv4Cidr.parse("10.9.0.7/32");
    kernel.answers = request -> List.of(answer(request,
        RouteMessage.RTF_UP | RouteMessage.RTF_HOST | RouteMessage.RTF_STATIC | RouteMessage.RTF_GATEWAY, 0,
        hostSockaddrs(host, SockaddrIn.encode(Ipv4Cidr.parseAddress("10.0.75.2")))));
    assertEquals(Optional.of(Route.viaGateway(host, "10.0.75.2")), routes.lookup(host));
  }

  @Test
  void aHostLookupIgnoresTheCoveringNetworkALongestMatchGives() {
    Ipv4Cidr host = Ipv4Cidr.parse("172.18.0.9/32");
    kernel.answers = request -> List.of(answer(request, RouteMessage.RTF_UP | RouteMessage.RTF_GATEWAY, 0,
        sockaddrs(SUBNET, SockaddrIn.encode(Ipv4Cidr.parseAddress("10.0.75.2")))));
    assertEquals(Optional.empty(), routes.lookup(host));
  }

  static Map<Integer, byte[]> hostSockaddrs(Ipv4Cidr host, byte[] gateway) {
    Map<Integer, byte[]> map = new LinkedHashMap<>();
    map.put(RouteMessage.RTA_DST, SockaddrIn.encode(host.address()));
    map.put(RouteMessage.RTA_GATEWAY, gateway);
    map.put(RouteMessage.RTA_IFP, SockaddrDl.encode(11, "tap1"));
    return map;
  }

  @Test
  void addOfAnExistingRouteReportsEexist() {
    kernel.writeErrno = Errno.EEXIST;
    SyscallException e = assertThrows(SyscallException.class, () -> routes.add(Route.viaGateway(SUBNET, "10.0.75.2")));
    assertTrue(e.getMessage().contains("RTM_ADD 172.18.0.0/16 via 10.0.75.2"), e.getMessage());
  }

  @Test
  void aRouteNeedsExactlyOneNextHop() {
    Route both = new Route(SUBNET, Optional.of("10.0.75.2"), Optional.of("tap1"));
    assertEquals(BridgeException.Kind.INTERNAL, assertThrows(BridgeException.class, () -> routes.add(both)).kind());
    Route gatewayText = Route.viaGateway(SUBNET, "10.0.75");
    assertEquals(BridgeException.Kind.USER, assertThrows(BridgeException.class, () -> routes.add(gatewayText)).kind());
  }

  @Test
  void lookupSkipsOtherMessagesAndDecodesAGatewayRoute() {
    byte[] gateway = SockaddrIn.encode(Ipv4Cidr.parseAddress("10.0.75.2"));
    kernel.answers = request -> List.of(foreign(), answer(request, RouteMessage.RTF_UP | RouteMessage.RTF_GATEWAY, 0,
        sockaddrs(SUBNET, gateway)));
    assertEquals(Optional.of(Route.viaGateway(SUBNET, "10.0.75.2")), routes.lookup(SUBNET));
    assertArrayEquals(RouteRequests.get(SUBNET, 1, PID), kernel.written().get(0));
    assertEquals(List.of("timeout", "write", "read", "read"), kernel.callNames(), "a read timeout is set before writing");
  }

  @Test
  void lookupOfAnInterfaceRouteNamesTheInterface() {
    kernel.answers = request -> List.of(answer(request, RouteMessage.RTF_UP, 0,
        sockaddrs(SUBNET, SockaddrDl.encode(11, "tap1"))));
    assertEquals(Optional.of(Route.viaInterface(SUBNET, "tap1")), routes.lookup(SUBNET));
  }

  @Test
  void lookupFallsBackToTheIndexWhenNoNameCameBack() {
    Map<Integer, byte[]> addrs = sockaddrs(SUBNET, SockaddrDl.encode(11, ""));
    addrs.remove(RouteMessage.RTA_IFP);
    kernel.answers = request -> List.of(answer(request, RouteMessage.RTF_UP, 0, addrs));
    assertEquals(Optional.of(Route.viaInterface(SUBNET, "tap1")), routes.lookup(SUBNET));
  }

  @Test
  void lookupOfAMissingRouteIsEmpty() {
    kernel.writeErrno = Errno.ESRCH;
    assertEquals(Optional.empty(), routes.lookup(SUBNET));
  }

  @Test
  void lookupIgnoresACoveringRouteThatIsNotExactlyTheDestination() {
    Ipv4Cidr wider = Ipv4Cidr.parse("172.16.0.0/12");
    kernel.answers = request -> List.of(answer(request, RouteMessage.RTF_UP | RouteMessage.RTF_GATEWAY, 0,
        sockaddrs(wider, SockaddrIn.encode(1))));
    assertEquals(Optional.empty(), routes.lookup(SUBNET));
  }

  @Test
  void lookupReportsAKernelErrorOtherThanNoSuchRoute() {
    kernel.answers = request -> List.of(answer(request, 0, Errno.EINVAL, sockaddrs(SUBNET, SockaddrIn.encode(1))));
    assertEquals(Errno.EINVAL, assertThrows(SyscallException.class, () -> routes.lookup(SUBNET)).errno());
  }

  @Test
  void lookupGivesUpWhenNoAnswerComes() {
    kernel.answers = request -> List.of(foreign());
    SyscallException e = assertThrows(SyscallException.class, () -> routes.lookup(SUBNET));
    assertEquals(Errno.EAGAIN, e.errno());
    assertEquals(1, kernel.closed);
  }

  @Test
  void deleteRemovesOnlyOurOwnRoute() {
    byte[] otherGateway = SockaddrIn.encode(Ipv4Cidr.parseAddress("192.168.1.1"));
    kernel.answers = request -> request[3] == RouteMessage.RTM_GET
        ? List.of(answer(request, RouteMessage.RTF_UP | RouteMessage.RTF_GATEWAY, 0, sockaddrs(SUBNET, otherGateway)))
        : List.of();
    routes.delete(Route.viaGateway(SUBNET, "10.0.75.2"));
    assertEquals(1, kernel.written().size(), "only the RTM_GET was written");
  }

  @Test
  void deleteOfOurRouteWritesRtmDelete() {
    byte[] gateway = SockaddrIn.encode(Ipv4Cidr.parseAddress("10.0.75.2"));
    kernel.answers = request -> request[3] == RouteMessage.RTM_GET
        ? List.of(answer(request, RouteMessage.RTF_UP | RouteMessage.RTF_GATEWAY, 0, sockaddrs(SUBNET, gateway)))
        : List.of();
    routes.delete(Route.viaGateway(SUBNET, "10.0.75.2"));
    List<byte[]> written = kernel.written();
    assertEquals(2, written.size());
    assertArrayEquals(RouteRequests.delete(SUBNET, new RouteRequests.Gateway(Ipv4Cidr.parseAddress("10.0.75.2")), 2, PID),
        written.get(1));
  }

  @Test
  void deleteOfAMissingRouteDoesNothing() {
    kernel.writeErrno = Errno.ESRCH;
    routes.delete(Route.viaInterface(SUBNET, "tap1"));
    assertEquals(1, kernel.written().size());
  }
}
