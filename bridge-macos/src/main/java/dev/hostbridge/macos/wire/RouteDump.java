package dev.hostbridge.macos.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The IPv4 routing table as {@code sysctl({CTL_NET, PF_ROUTE, 0, AF_INET, NET_RT_DUMP, 0})} gives
 * it (xnu bsd/net/rtsock.c, sysctl_rtsock and sysctl_dumpentry): one RTM_GET message per entry,
 * back to back, each a {@code struct rt_msghdr} followed by the DST, GATEWAY, NETMASK, GENMASK and
 * IFA sockaddrs it has; {@code rtm_index} is the interface's index, pid and seq are zero. No RTA_IFP
 * comes with a dump: the interface is named by its index.
 */
public final class RouteDump {

  /** bsd/sys/sysctl.h. */
  public static final int CTL_NET = 4;
  /** bsd/net/route.h: "dump; may limit to a.f.". */
  public static final int NET_RT_DUMP = 1;

  /**
   * Entries that are not a route anybody configured: cloned host entries (ARP), broadcast and
   * multicast entries, and interface-scoped copies, which only traffic bound to that interface uses.
   */
  public static final int NOT_A_ROUTE = RouteMessage.RTF_WASCLONED | RouteMessage.RTF_BROADCAST
      | RouteMessage.RTF_MULTICAST | RouteMessage.RTF_IFSCOPE;

  private RouteDump() {}

  /** The management information base name of the IPv4 table's dump. */
  public static int[] mib() {
    return new int[] {CTL_NET, DarwinNet.PF_ROUTE, 0, DarwinNet.AF_INET, NET_RT_DUMP, 0};
  }

  /** The entries in the first {@code length} bytes of {@code table}; a malformed one is an IllegalArgumentException. */
  public static List<RouteReply> decode(byte[] table, int length) {
    if (length < 0 || length > table.length) {
      throw new IllegalArgumentException("a dump of " + length + " bytes from a buffer of " + table.length);
    }
    List<RouteReply> entries = new ArrayList<>();
    ByteBuffer in = ByteBuffer.wrap(table, 0, length).order(ByteOrder.LITTLE_ENDIAN);
    int at = 0;
    while (at < length) {
      if (length - at < 2) {
        throw new IllegalArgumentException("the dump ends inside a message header at byte " + at);
      }
      int msglen = in.getShort(at) & 0xffff;
      if (msglen < RouteMessage.HEADER_SIZE || at + msglen > length) {
        throw new IllegalArgumentException("a message of " + msglen + " bytes at byte " + at + " does not fit the dump of " + length);
      }
      entries.add(RouteReply.decode(Arrays.copyOfRange(table, at, at + msglen), msglen));
      at += msglen;
    }
    return entries;
  }
}
