package dev.hostbridge.macos.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A message on a PF_ROUTE socket: {@code struct rt_msghdr} of bsd/net/route.h (92 bytes) followed
 * by the sockaddrs named in {@code rtm_addrs}, in the order of their RTA bits, each padded to a
 * multiple of 4 bytes. {@code rtm_msglen} covers the whole, and a write must be exactly that long.
 */
public final class RouteMessage {

  public static final int HEADER_SIZE = 92;
  public static final int RTM_VERSION = 5;

  public static final int RTM_ADD = 1;
  public static final int RTM_DELETE = 2;
  public static final int RTM_CHANGE = 3;
  public static final int RTM_GET = 4;

  public static final int RTF_UP = 0x1;
  public static final int RTF_GATEWAY = 0x2;
  public static final int RTF_HOST = 0x4;
  public static final int RTF_CLONING = 0x100;
  public static final int RTF_LLINFO = 0x400;
  public static final int RTF_STATIC = 0x800;
  public static final int RTF_WASCLONED = 0x20000;
  public static final int RTF_BROADCAST = 0x400000;
  public static final int RTF_MULTICAST = 0x800000;
  public static final int RTF_IFSCOPE = 0x1000000;

  public static final int RTA_DST = 0x1;
  public static final int RTA_GATEWAY = 0x2;
  public static final int RTA_NETMASK = 0x4;
  public static final int RTA_GENMASK = 0x8;
  public static final int RTA_IFP = 0x10;
  public static final int RTA_IFA = 0x20;
  public static final int RTA_AUTHOR = 0x40;
  public static final int RTA_BRD = 0x80;
  /** RTAX_MAX: how many sockaddr slots a message can have. */
  static final int RTAX_MAX = 8;

  static final int OFFSET_MSGLEN = 0;
  static final int OFFSET_VERSION = 2;
  static final int OFFSET_TYPE = 3;
  static final int OFFSET_INDEX = 4;
  static final int OFFSET_FLAGS = 8;
  static final int OFFSET_ADDRS = 12;
  static final int OFFSET_PID = 16;
  static final int OFFSET_SEQ = 20;
  static final int OFFSET_ERRNO = 24;
  static final int OFFSET_USE = 28;
  static final int OFFSET_INITS = 32;
  static final int OFFSET_METRICS = 36;

  private RouteMessage() {}

  /** XNU's ROUNDUP32: a sockaddr of length 0 still takes 4 bytes. */
  public static int roundup(int length) {
    return length > 0 ? 1 + ((length - 1) | 3) : 4;
  }

  /**
   * Encodes a message. {@code sockaddrs} maps an RTA bit to the bytes of its sockaddr (whose first
   * byte is its length); they are written in bit order whatever the map's order.
   */
  public static byte[] encode(int type, int flags, int seq, int pid, Map<Integer, byte[]> sockaddrs) {
    SortedMap<Integer, byte[]> ordered = new TreeMap<>(sockaddrs);
    int addrs = 0;
    int length = HEADER_SIZE;
    for (Map.Entry<Integer, byte[]> entry : ordered.entrySet()) {
      int bit = entry.getKey();
      if (Integer.bitCount(bit) != 1 || bit >= (1 << RTAX_MAX)) {
        throw new IllegalArgumentException("not an RTA bit: 0x" + Integer.toHexString(bit));
      }
      // XNU's rt_xaddrs stops at a sockaddr of length 0: every one after it would be ignored.
      if (entry.getValue().length == 0 || entry.getValue()[0] == 0) {
        throw new IllegalArgumentException("a sockaddr of length 0 for RTA bit 0x" + Integer.toHexString(bit)
            + " would end the kernel's parsing of the message");
      }
      addrs |= bit;
      length += roundup(entry.getValue().length);
    }
    if (length > 0xffff) {
      throw new IllegalArgumentException("route message too long: " + length);
    }
    ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putShort(OFFSET_MSGLEN, (short) length);
    buffer.put(OFFSET_VERSION, (byte) RTM_VERSION);
    buffer.put(OFFSET_TYPE, (byte) type);
    buffer.putInt(OFFSET_FLAGS, flags);
    buffer.putInt(OFFSET_ADDRS, addrs);
    buffer.putInt(OFFSET_PID, pid);
    buffer.putInt(OFFSET_SEQ, seq);
    int at = HEADER_SIZE;
    for (byte[] sockaddr : ordered.values()) {
      buffer.put(at, sockaddr);
      at += roundup(sockaddr.length);
    }
    return buffer.array();
  }
}
