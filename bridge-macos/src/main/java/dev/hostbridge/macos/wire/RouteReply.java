package dev.hostbridge.macos.wire;

import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.macos.wire.SockaddrDl.LinkAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A message read from a PF_ROUTE socket, decoded: the header fields a reply to RTM_GET needs and
 * the IPv4 and link addresses that follow it. Sockaddrs of other families are skipped by length.
 *
 * @param gatewayAddress the gateway when it is an IPv4 address
 * @param gatewayLink the gateway when it is a link address (a route out of an interface)
 * @param interfaceLink the RTA_IFP address: the interface the route uses, with its name
 */
public record RouteReply(
    int type,
    int flags,
    int index,
    int pid,
    int seq,
    int errno,
    OptionalInt destination,
    OptionalInt netmask,
    OptionalInt gatewayAddress,
    Optional<LinkAddress> gatewayLink,
    Optional<LinkAddress> interfaceLink) {

  /** Decodes the first {@code length} bytes of {@code buffer}; malformed input is an IllegalArgumentException. */
  public static RouteReply decode(byte[] buffer, int length) {
    if (length < RouteMessage.HEADER_SIZE || length > buffer.length) {
      throw new IllegalArgumentException("route message of " + length + " bytes is shorter than its header");
    }
    ByteBuffer in = ByteBuffer.wrap(buffer, 0, length).order(ByteOrder.LITTLE_ENDIAN);
    int msglen = in.getShort(RouteMessage.OFFSET_MSGLEN) & 0xffff;
    int version = in.get(RouteMessage.OFFSET_VERSION) & 0xff;
    if (version != RouteMessage.RTM_VERSION) {
      throw new IllegalArgumentException("route message version " + version + ", expected " + RouteMessage.RTM_VERSION);
    }
    if (msglen < RouteMessage.HEADER_SIZE || msglen > length) {
      throw new IllegalArgumentException("route message length " + msglen + " does not fit the " + length + " bytes read");
    }
    int addrs = in.getInt(RouteMessage.OFFSET_ADDRS);
    OptionalInt destination = OptionalInt.empty();
    OptionalInt netmask = OptionalInt.empty();
    OptionalInt gatewayAddress = OptionalInt.empty();
    Optional<LinkAddress> gatewayLink = Optional.empty();
    Optional<LinkAddress> interfaceLink = Optional.empty();
    int at = RouteMessage.HEADER_SIZE;
    for (int slot = 0; slot < RouteMessage.RTAX_MAX; slot++) {
      int bit = 1 << slot;
      if ((addrs & bit) == 0) {
        continue;
      }
      if (at >= msglen) {
        throw new IllegalArgumentException("route message names more addresses than it holds");
      }
      int saLen = in.get(at) & 0xff;
      int family = at + 1 < msglen ? in.get(at + 1) & 0xff : DarwinNet.AF_UNSPEC;
      if (at + saLen > msglen) {
        throw new IllegalArgumentException("sockaddr of " + saLen + " bytes overruns the message");
      }
      switch (bit) {
        case RouteMessage.RTA_DST:
          if (family == DarwinNet.AF_INET) {
            destination = OptionalInt.of(SockaddrIn.address(in, at, saLen));
          }
          break;
        case RouteMessage.RTA_NETMASK:
          // The kernel trims masks and does not always set their family; read the bytes present.
          netmask = OptionalInt.of(SockaddrIn.address(in, at, saLen));
          break;
        case RouteMessage.RTA_GATEWAY:
          if (family == DarwinNet.AF_INET) {
            gatewayAddress = OptionalInt.of(SockaddrIn.address(in, at, saLen));
          } else if (family == DarwinNet.AF_LINK) {
            gatewayLink = Optional.of(SockaddrDl.decode(in, at, saLen));
          }
          break;
        case RouteMessage.RTA_IFP:
          if (family == DarwinNet.AF_LINK) {
            interfaceLink = Optional.of(SockaddrDl.decode(in, at, saLen));
          }
          break;
        default:
          break;
      }
      at += RouteMessage.roundup(saLen);
    }
    return new RouteReply(
        in.get(RouteMessage.OFFSET_TYPE) & 0xff,
        in.getInt(RouteMessage.OFFSET_FLAGS),
        in.getShort(RouteMessage.OFFSET_INDEX) & 0xffff,
        in.getInt(RouteMessage.OFFSET_PID),
        in.getInt(RouteMessage.OFFSET_SEQ),
        in.getInt(RouteMessage.OFFSET_ERRNO),
        destination, netmask, gatewayAddress, gatewayLink, interfaceLink);
  }

  public boolean hasFlag(int flag) {
    return (flags & flag) == flag;
  }

  /**
   * Whether the entry is one the kernel made by itself on use: a host entry cloned from a route
   * (RTF_WASCLONED), such as an ARP entry. A host lookup finds these, but nobody configured them as
   * routes. RTF_LLINFO alone does not tell: XNU sets it on a host route added by hand out of an
   * Ethernet interface too (in_arp.c, arp_rtrequest).
   */
  public boolean isClonedEntry() {
    return (flags & RouteMessage.RTF_WASCLONED) != 0;
  }

  /** Whether this is the kernel's answer to our request {@code seq} from process {@code pid}. */
  public boolean answers(int requestType, int requestSeq, int requestPid) {
    return type == requestType && seq == requestSeq && pid == requestPid;
  }

  /**
   * The destination with its prefix: a host route has none in its mask (RTF_HOST, /32); otherwise
   * the mask must be contiguous ones. Empty when the reply has no IPv4 destination.
   */
  public Optional<Ipv4Cidr> destinationCidr() {
    if (destination.isEmpty()) {
      return Optional.empty();
    }
    int prefix;
    if (hasFlag(RouteMessage.RTF_HOST) || netmask.isEmpty()) {
      prefix = 32;
    } else {
      int mask = netmask.getAsInt();
      prefix = Integer.bitCount(mask);
      if (mask != (prefix == 0 ? 0 : -1 << (32 - prefix))) {
        throw new IllegalArgumentException("netmask " + Ipv4Cidr.formatAddress(mask) + " is not contiguous");
      }
    }
    return Optional.of(Ipv4Cidr.of(destination.getAsInt(), prefix));
  }
}
