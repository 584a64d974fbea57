package dev.hostbridge.linux.encoding;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The rtnetlink notifications a watcher of links and IPv4 addresses receives, reduced to the
 * interfaces they are about. Layouts from {@code linux/netlink.h} (nlmsghdr, 16 bytes),
 * {@code linux/rtnetlink.h} (ifinfomsg, 16 bytes; IFLA_IFNAME) and {@code linux/if_addr.h}
 * (ifaddrmsg, 8 bytes; IFA_LABEL); host byte order, attributes aligned to 4 bytes.
 */
public final class LinkEvents {

  /** Multicast groups for bind(): links (RTMGRP_LINK) and IPv4 addresses (RTMGRP_IPV4_IFADDR). */
  public static final int GROUPS = 0x1 | 0x10;

  static final int RTM_NEWLINK = 16;
  static final int RTM_DELLINK = 17;
  static final int RTM_NEWADDR = 20;
  static final int RTM_DELADDR = 21;
  static final int IFINFOMSG_SIZE = 16;
  static final int IFADDRMSG_SIZE = 8;
  static final int IFLA_IFNAME = 3;
  static final int IFA_LABEL = 3;

  private LinkEvents() {}

  /**
   * The names of the interfaces the messages in {@code buffer[0..length)} are about, in order;
   * {@code nameOf} names an interface by index when a message carries no name.
   */
  public static List<String> interfaces(byte[] buffer, int length, IntFunction<String> nameOf) {
    ByteBuffer in = ByteBuffer.wrap(buffer, 0, length).order(ByteOrder.nativeOrder());
    List<String> names = new ArrayList<>();
    int at = 0;
    while (at + Netlink.HEADER_SIZE <= length) {
      int messageLength = in.getInt(at);
      int type = in.getShort(at + 4) & 0xffff;
      if (messageLength < Netlink.HEADER_SIZE || at + messageLength > length) {
        break; // truncated or malformed: nothing after it can be trusted
      }
      int body = at + Netlink.HEADER_SIZE;
      int end = at + messageLength;
      if ((type == RTM_NEWLINK || type == RTM_DELLINK) && body + IFINFOMSG_SIZE <= end) {
        int index = in.getInt(body + 4);
        names.add(attribute(in, body + IFINFOMSG_SIZE, end, IFLA_IFNAME).orElseGet(() -> nameOf.apply(index)));
      } else if ((type == RTM_NEWADDR || type == RTM_DELADDR) && body + IFADDRMSG_SIZE <= end) {
        int index = in.getInt(body + 4);
        names.add(attribute(in, body + IFADDRMSG_SIZE, end, IFA_LABEL).orElseGet(() -> nameOf.apply(index)));
      }
      at += align(messageLength);
    }
    return names;
  }

  /** A NUL-terminated string attribute of this type, if the attributes from {@code at} to {@code end} have one. */
  private static java.util.Optional<String> attribute(ByteBuffer in, int at, int end, int wanted) {
    while (at + 4 <= end) {
      int length = in.getShort(at) & 0xffff;
      int type = in.getShort(at + 2) & 0x3fff;
      if (length < 4 || at + length > end) {
        return java.util.Optional.empty();
      }
      if (type == wanted) {
        int stringEnd = at + 4;
        while (stringEnd < at + length && in.get(stringEnd) != 0) {
          stringEnd++;
        }
        byte[] bytes = new byte[stringEnd - (at + 4)];
        in.get(at + 4, bytes);
        return java.util.Optional.of(new String(bytes, StandardCharsets.US_ASCII));
      }
      at += align(length);
    }
    return java.util.Optional.empty();
  }

  static int align(int length) {
    return (length + 3) & ~3;
  }
}
