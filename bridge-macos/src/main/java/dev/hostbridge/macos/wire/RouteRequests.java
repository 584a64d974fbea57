package dev.hostbridge.macos.wire;

import dev.hostbridge.api.Ipv4Cidr;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The three route messages host-bridge sends, built as {@code route(8)} builds them.
 *
 * <p>A route to a gateway carries RTF_GATEWAY and the gateway's sockaddr_in. A route out of an
 * interface carries the interface's link address (a sockaddr_dl with its index) as gateway and no
 * RTF_GATEWAY, which is what {@code route add -net ... -interface tap1} sends; it cannot pick
 * another interface that shares an address. On an Ethernet-like interface such as a tap, the
 * kernel makes it a cloning route and resolves each destination by ARP on that link (in_arp.c,
 * arp_rtrequest).
 *
 * <p>Such a route does not need the interface to have an IPv4 address for the kernel to take it,
 * but then XNU gives it the interface's link-level address as its own address (rt_getifa falls
 * back to the first address of the interface, its AF_LINK one), and traffic along it has no IPv4
 * source address of that interface. {@link dev.hostbridge.macos.net.MacosRoutes} therefore adds
 * one only to an interface that already has its address.
 *
 * <p>A /32 destination is a host route (RTF_HOST, no netmask), like {@code route add -host}.
 */
public final class RouteRequests {

  /** Where a route leads: a gateway address, or out of an interface. */
  public sealed interface NextHop permits Gateway, Link {}

  /** Through this gateway (its 32 bits, most significant octet first). */
  public record Gateway(int address) implements NextHop {}

  /** Directly out of the interface with this index (and name, for readability). */
  public record Link(int index, String name) implements NextHop {
    public Link {
      if (index <= 0) {
        throw new IllegalArgumentException("an interface index is positive, got " + index);
      }
    }
  }

  private RouteRequests() {}

  public static byte[] add(Ipv4Cidr destination, NextHop hop, int seq, int pid) {
    return change(RouteMessage.RTM_ADD, destination, hop, seq, pid);
  }

  public static byte[] delete(Ipv4Cidr destination, NextHop hop, int seq, int pid) {
    return change(RouteMessage.RTM_DELETE, destination, hop, seq, pid);
  }

  /** Asks for the route to exactly this destination, and (RTA_IFP) for the interface it uses. */
  public static byte[] get(Ipv4Cidr destination, int seq, int pid) {
    Map<Integer, byte[]> sockaddrs = destination(destination);
    sockaddrs.put(RouteMessage.RTA_IFP, SockaddrDl.empty());
    int flags = RouteMessage.RTF_UP | (isHost(destination) ? RouteMessage.RTF_HOST : 0);
    return RouteMessage.encode(RouteMessage.RTM_GET, flags, seq, pid, sockaddrs);
  }

  private static byte[] change(int type, Ipv4Cidr destination, NextHop hop, int seq, int pid) {
    Map<Integer, byte[]> sockaddrs = destination(destination);
    int flags = RouteMessage.RTF_UP | RouteMessage.RTF_STATIC | (isHost(destination) ? RouteMessage.RTF_HOST : 0);
    if (hop instanceof Gateway gateway) {
      flags |= RouteMessage.RTF_GATEWAY;
      sockaddrs.put(RouteMessage.RTA_GATEWAY, SockaddrIn.encode(gateway.address()));
    } else {
      Link link = (Link) hop;
      sockaddrs.put(RouteMessage.RTA_GATEWAY, SockaddrDl.encode(link.index(), link.name()));
    }
    return RouteMessage.encode(type, flags, seq, pid, sockaddrs);
  }

  private static Map<Integer, byte[]> destination(Ipv4Cidr destination) {
    Map<Integer, byte[]> sockaddrs = new LinkedHashMap<>();
    sockaddrs.put(RouteMessage.RTA_DST, SockaddrIn.encode(destination.network().address()));
    if (!isHost(destination)) {
      // A full 16-byte AF_INET mask; the kernel accepts it as well as route(8)'s trimmed one.
      sockaddrs.put(RouteMessage.RTA_NETMASK, SockaddrIn.encode(destination.netmask()));
    }
    return sockaddrs;
  }

  static boolean isHost(Ipv4Cidr destination) {
    return destination.prefixLength() == 32;
  }
}
