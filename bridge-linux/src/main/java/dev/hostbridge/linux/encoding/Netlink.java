package dev.hostbridge.linux.encoding;

import dev.hostbridge.api.Ipv4Cidr;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * rtnetlink requests for IPv4 addresses and routes, and the kernel's acknowledgement.
 * Layouts from {@code linux/netlink.h}, {@code linux/if_addr.h} and {@code linux/rtnetlink.h};
 * headers are in host byte order, addresses in network order.
 */
public final class Netlink {

  public static final int AF_NETLINK = 16;
  public static final int NETLINK_ROUTE = 0;
  public static final int AF_INET = 2;

  static final int HEADER_SIZE = 16;
  static final short NLMSG_ERROR = 2;
  static final short RTM_NEWADDR = 20;
  static final short RTM_DELADDR = 21;
  static final short RTM_NEWROUTE = 24;
  static final short RTM_DELROUTE = 25;
  static final short NLM_F_REQUEST = 0x1;
  static final short NLM_F_ACK = 0x4;
  static final short NLM_F_REPLACE = 0x100;
  static final short NLM_F_EXCL = 0x200;
  static final short NLM_F_CREATE = 0x400;
  static final short IFA_ADDRESS = 1;
  static final short IFA_LOCAL = 2;
  static final short IFA_BROADCAST = 4;
  static final short RTA_DST = 1;
  static final short RTA_OIF = 4;
  static final short RTA_GATEWAY = 5;
  static final byte RT_TABLE_MAIN = (byte) 254;
  static final byte RTPROT_STATIC = 4;
  static final byte RT_SCOPE_UNIVERSE = 0;
  static final byte RT_SCOPE_LINK = (byte) 253;
  static final byte RTN_UNICAST = 1;

  private Netlink() {}

  /** RTM_NEWADDR that adds the address or replaces the same address with a new prefix. */
  public static byte[] addAddress(int seq, int ifindex, Ipv4Cidr address) {
    return address(RTM_NEWADDR, (short) (NLM_F_CREATE | NLM_F_REPLACE), seq, ifindex, address);
  }

  public static byte[] deleteAddress(int seq, int ifindex, Ipv4Cidr address) {
    return address(RTM_DELADDR, (short) 0, seq, ifindex, address);
  }

  private static byte[] address(short type, short flags, int seq, int ifindex, Ipv4Cidr address) {
    ByteBuffer b = message(type, flags, seq, 8 + 3 * 8);
    b.put((byte) AF_INET).put((byte) address.prefixLength()).put((byte) 0).put(RT_SCOPE_UNIVERSE).putInt(ifindex);
    attribute(b, IFA_LOCAL, address.address());
    attribute(b, IFA_ADDRESS, address.address());
    attribute(b, IFA_BROADCAST, address.broadcast());
    return b.array();
  }

  /** RTM_NEWROUTE in the main table, through a gateway when given, else out of the interface. */
  public static byte[] addRoute(int seq, Ipv4Cidr destination, Integer gateway, Integer ifindex) {
    return route(RTM_NEWROUTE, (short) (NLM_F_CREATE | NLM_F_EXCL), seq, destination, gateway, ifindex);
  }

  public static byte[] deleteRoute(int seq, Ipv4Cidr destination, Integer gateway, Integer ifindex) {
    return route(RTM_DELROUTE, (short) 0, seq, destination, gateway, ifindex);
  }

  private static byte[] route(short type, short flags, int seq, Ipv4Cidr destination, Integer gateway, Integer ifindex) {
    int attributes = 8 + (gateway != null ? 8 : 0) + (ifindex != null ? 8 : 0);
    ByteBuffer b = message(type, flags, seq, 12 + attributes);
    b.put((byte) AF_INET).put((byte) destination.prefixLength()).put((byte) 0).put((byte) 0)
        .put(RT_TABLE_MAIN).put(RTPROT_STATIC).put(gateway != null ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK).put(RTN_UNICAST)
        .putInt(0);
    attribute(b, RTA_DST, destination.network().address());
    if (gateway != null) {
      attribute(b, RTA_GATEWAY, gateway);
    }
    if (ifindex != null) {
      b.putShort((short) 8).putShort(RTA_OIF).putInt(ifindex); // an interface index is in host order
    }
    return b.array();
  }

  private static ByteBuffer message(short type, short flags, int seq, int payload) {
    ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE + payload).order(ByteOrder.nativeOrder());
    b.putInt(HEADER_SIZE + payload).putShort(type).putShort((short) (NLM_F_REQUEST | NLM_F_ACK | flags)).putInt(seq).putInt(0);
    return b;
  }

  /** An rtattr holding one IPv4 address in network byte order. */
  private static void attribute(ByteBuffer b, short type, int address) {
    b.putShort((short) 8).putShort(type);
    b.order(ByteOrder.BIG_ENDIAN).putInt(address).order(ByteOrder.nativeOrder());
  }

  /**
   * The errno of the kernel's answer to request {@code seq}: 0 for an acknowledgement, a
   * positive errno for a refusal. Throws when the reply is not an answer to that request.
   */
  public static int acknowledgement(byte[] reply, int length, int seq) {
    ByteBuffer b = ByteBuffer.wrap(reply, 0, length).order(ByteOrder.nativeOrder());
    while (b.remaining() >= HEADER_SIZE) {
      int start = b.position();
      int messageLength = b.getInt();
      short type = b.getShort();
      b.getShort();
      int messageSeq = b.getInt();
      b.getInt();
      if (messageLength < HEADER_SIZE || start + messageLength > length) {
        break;
      }
      if (type == NLMSG_ERROR && messageSeq == seq) {
        return -b.getInt();
      }
      b.position(start + ((messageLength + 3) & ~3));
    }
    throw new IllegalStateException("the kernel's netlink reply holds no answer to request " + seq);
  }
}
