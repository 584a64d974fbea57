package dev.hostbridge.macos.net;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.Route;
import dev.hostbridge.api.Routes;
import dev.hostbridge.macos.jna.Errno;
import dev.hostbridge.macos.jna.RawSocket;
import dev.hostbridge.macos.jna.RouteTableSource;
import dev.hostbridge.macos.jna.Sockets;
import dev.hostbridge.macos.jna.SyscallException;
import dev.hostbridge.macos.wire.DarwinNet;
import dev.hostbridge.macos.wire.RouteDump;
import dev.hostbridge.macos.wire.RouteMessage;
import dev.hostbridge.macos.wire.RouteReply;
import dev.hostbridge.macos.wire.RouteRequests;
import dev.hostbridge.macos.wire.SockaddrDl.LinkAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The IPv4 routing table through a PF_ROUTE socket, as {@code route(8)} uses it: one message
 * written per change; for a lookup, the kernel's answer is read back from the same socket,
 * among whatever other routing messages arrive meanwhile.
 */
public final class MacosRoutes implements Routes {

  /** Enough for a reply with all eight sockaddrs of any family. */
  private static final int READ_BUFFER = 2048;
  /** Other processes' routing messages may arrive before our answer; give up after this many. */
  private static final int MAX_FOREIGN_MESSAGES = 256;
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

  private final Sockets sockets;
  private final InterfaceDirectory directory;
  private final int pid;
  private final RouteTableSource table;
  private final AtomicInteger seq = new AtomicInteger();

  public MacosRoutes(Sockets sockets, InterfaceDirectory directory, int pid) {
    this(sockets, directory, pid, RouteTableSource.sysctl());
  }

  public MacosRoutes(Sockets sockets, InterfaceDirectory directory, int pid, RouteTableSource table) {
    this.sockets = sockets;
    this.directory = directory;
    this.pid = pid;
    this.table = table;
  }

  @Override
  public Optional<Route> lookup(Ipv4Cidr destination) {
    Ipv4Cidr wanted = destination.network();
    Optional<RouteReply> found = get(wanted);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    RouteReply reply = found.get();
    // With a netmask the kernel matches exactly; a host lookup (no netmask) is a longest match, which
    // may answer with a covering network, or with an entry ARP cloned for that very address.
    if (!reply.destinationCidr().map(wanted::equals).orElse(false) || reply.isClonedEntry()) {
      return Optional.empty();
    }
    return Optional.of(toRoute(wanted, reply));
  }

  /**
   * Every route of the table that shares addresses with {@code subnet}: the one that covers it, an
   * exact one, and those inside it (a VPN's more specific range), read from the whole table
   * ({@link RouteDump}); the default route, and entries that are not configured routes (ARP's
   * clones, broadcast and multicast entries, interface-scoped copies), do not count. Should the
   * dump fail, what two lookups see: the exact route and the covering one.
   */
  @Override
  public java.util.List<Route> overlapping(Ipv4Cidr subnet) {
    java.util.List<RouteReply> entries;
    try {
      byte[] dump = table.dump();
      entries = RouteDump.decode(dump, dump.length);
    } catch (SyscallException | IllegalArgumentException e) {
      return overlappingByLookup(subnet);
    }
    java.util.List<Route> found = new java.util.ArrayList<>();
    for (RouteReply entry : entries) {
      if ((entry.flags() & RouteDump.NOT_A_ROUTE) != 0) {
        continue;
      }
      Optional<Ipv4Cidr> destination;
      try {
        destination = entry.destinationCidr();
      } catch (IllegalArgumentException e) {
        continue; // a non-contiguous mask: no route host-bridge could add or conflict with
      }
      destination.filter(d -> d.prefixLength() > 0 && d.overlaps(subnet))
          .ifPresent(d -> found.add(toRoute(d, entry)));
    }
    return found;
  }

  private java.util.List<Route> overlappingByLookup(Ipv4Cidr subnet) {
    java.util.List<Route> found = new java.util.ArrayList<>();
    lookup(subnet).ifPresent(found::add);
    Ipv4Cidr first = Ipv4Cidr.of(subnet.network().address(), 32);
    get(first).ifPresent(reply -> reply.destinationCidr()
        .filter(d -> d.prefixLength() > 0 && d.prefixLength() < subnet.prefixLength() && d.overlaps(subnet) && !reply.isClonedEntry())
        .ifPresent(covering -> found.add(toRoute(covering, reply))));
    return found;
  }

  /** RTM_GET for {@code wanted}: the kernel's answer, or empty when it has no route. */
  private Optional<RouteReply> get(Ipv4Cidr wanted) {
    int requestSeq = seq.incrementAndGet();
    byte[] request = RouteRequests.get(wanted, requestSeq, pid);
    RouteReply reply;
    try (RawSocket socket = routeSocket("looking up the route to " + wanted)) {
      socket.receiveTimeout(READ_TIMEOUT);
      try {
        socket.write(request, "RTM_GET " + wanted);
      } catch (SyscallException e) {
        if (e.errno() == Errno.ESRCH) {
          return Optional.empty();
        }
        throw e;
      }
      reply = readAnswer(socket, requestSeq, wanted);
    }
    if (reply.errno() == Errno.ESRCH) {
      return Optional.empty();
    }
    if (reply.errno() != 0) {
      throw new SyscallException("RTM_GET " + wanted, reply.errno());
    }
    return Optional.of(reply);
  }

  @Override
  public void add(Route route) {
    Ipv4Cidr destination = route.destination().network();
    RouteRequests.NextHop hop = nextHop(route);
    if (hop instanceof RouteRequests.Link link) {
      requireAddress(route, link.name());
    }
    byte[] message = RouteRequests.add(destination, hop, seq.incrementAndGet(), pid);
    try (RawSocket socket = routeSocket("adding the route to " + destination)) {
      socket.write(message, "RTM_ADD " + describe(route));
    }
  }

  @Override
  public void delete(Route route) {
    Ipv4Cidr destination = route.destination().network();
    Route normalized = new Route(destination, route.gateway().map(MacosRoutes::canonicalAddress), route.interfaceName());
    // Only ever delete our own route: another route to the same destination is not ours to remove.
    if (!lookup(destination).map(normalized::equals).orElse(false)) {
      return;
    }
    byte[] message = RouteRequests.delete(destination, nextHop(route), seq.incrementAndGet(), pid);
    try (RawSocket socket = routeSocket("deleting the route to " + destination)) {
      socket.write(message, "RTM_DELETE " + describe(route));
    } catch (SyscallException e) {
      if (e.errno() != Errno.ESRCH) {
        throw e;
      }
    }
  }

  private RouteReply readAnswer(RawSocket socket, int requestSeq, Ipv4Cidr wanted) {
    byte[] buffer = new byte[READ_BUFFER];
    for (int i = 0; i < MAX_FOREIGN_MESSAGES; i++) {
      int count = socket.read(buffer, "the answer to RTM_GET " + wanted);
      // Interface and address messages (if_msghdr, ifa_msghdr) share the socket but not the layout.
      if (count < RouteMessage.HEADER_SIZE || buffer[3] != RouteMessage.RTM_GET) {
        continue;
      }
      RouteReply reply;
      try {
        reply = RouteReply.decode(buffer, count);
      } catch (IllegalArgumentException e) {
        continue; // not a message we understand (another version or type); not ours either
      }
      if (reply.answers(RouteMessage.RTM_GET, requestSeq, pid)) {
        return reply;
      }
    }
    throw new BridgeException(ErrorCode.MACOS_ROUTE_NO_ANSWER, "the kernel sent " + MAX_FOREIGN_MESSAGES + " routing messages but no answer to RTM_GET " + wanted,
        "The routing table is changing fast (a VPN client?); try again.");
  }

  private Route toRoute(Ipv4Cidr destination, RouteReply reply) {
    if (reply.hasFlag(RouteMessage.RTF_GATEWAY) && reply.gatewayAddress().isPresent()) {
      return Route.viaGateway(destination, Ipv4Cidr.formatAddress(reply.gatewayAddress().getAsInt()));
    }
    Optional<String> name = reply.interfaceLink().map(LinkAddress::name).filter(n -> !n.isEmpty())
        .or(() -> reply.gatewayLink().map(LinkAddress::name).filter(n -> !n.isEmpty()))
        .or(() -> indexOf(reply).flatMap(directory::byIndex).map(InterfaceDirectory.Listing::name));
    return new Route(destination, Optional.empty(), name);
  }

  private static Optional<Integer> indexOf(RouteReply reply) {
    if (reply.index() > 0) {
      return Optional.of(reply.index());
    }
    return reply.gatewayLink().map(LinkAddress::index).filter(i -> i > 0);
  }

  private RouteRequests.NextHop nextHop(Route route) {
    if (route.gateway().isPresent() == route.interfaceName().isPresent()) {
      throw new BridgeException(ErrorCode.MACOS_ROUTE_INVALID, "a route needs either a gateway or an interface, not " + (route.gateway().isPresent() ? "both" : "neither")
              + ": " + route, "This is a defect; please report it with the output of --verbose.");
    }
    if (route.gateway().isPresent()) {
      return new RouteRequests.Gateway(parseAddress(route.gateway().get()));
    }
    String name = route.interfaceName().get();
    InterfaceDirectory.Listing listing = directory.byName(name).orElseThrow(() -> new BridgeException(ErrorCode.MACOS_ROUTE_NO_INTERFACE, "cannot route " + route.destination() + " out of " + name + ": there is no such interface",
        "A tap interface exists only while a process holds its /dev device open: start Docker Desktop "
            + "with host-bridge's launcher shim installed, then try again."));
    return new RouteRequests.Link(listing.index(), name);
  }

  /**
   * A route out of an interface is added only once the interface has its IPv4 address: without
   * one, XNU would take the interface's link-level address as the route's own (rt_ifa), and traffic
   * along it would have no IPv4 source of that interface. (Deleting needs no address.)
   */
  private void requireAddress(Route route, String name) {
    boolean addressed = directory.byName(name).map(l -> !l.addresses().isEmpty()).orElse(false);
    if (!addressed) {
      throw new BridgeException(ErrorCode.MACOS_ROUTE_NO_ADDRESS, "cannot route " + route.destination() + " out of " + name + ": it has no IPv4 address yet",
          "Assign the interface its address first (host-bridge's host-address step does), then add the route.");
    }
  }

  private static int parseAddress(String gateway) {
    try {
      return Ipv4Cidr.parseAddress(gateway);
    } catch (IllegalArgumentException e) {
      throw new BridgeException(ErrorCode.MACOS_ROUTE_BAD_GATEWAY, "gateway '" + gateway + "' is not an IPv4 address", "Give the gateway as a.b.c.d.", e);
    }
  }

  private static String canonicalAddress(String address) {
    return Ipv4Cidr.formatAddress(parseAddress(address));
  }

  private static String describe(Route route) {
    return route.destination() + route.gateway().map(g -> " via " + g).orElse("")
        + route.interfaceName().map(i -> " dev " + i).orElse("");
  }

  private RawSocket routeSocket(String purpose) {
    return sockets.open(DarwinNet.PF_ROUTE, DarwinNet.SOCK_RAW, DarwinNet.AF_UNSPEC, purpose);
  }
}
