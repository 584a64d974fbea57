package dev.hostbridge.macos.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages a PF_ROUTE socket delivers about interfaces, reduced to the index of the interface
 * each is about: RTM_IFINFO and RTM_IFINFO2 (its flags changed: it came, went, came up or down),
 * RTM_NEWADDR and RTM_DELADDR (an address added or removed). In {@code struct if_msghdr},
 * {@code if_msghdr2} and {@code ifa_msghdr} of bsd/net/if.h the index is the unsigned short at
 * offset 12, after length, version, type, addrs and flags. Route messages are skipped.
 */
public final class InterfaceMessages {

  public static final int RTM_NEWADDR = 0xc;
  public static final int RTM_DELADDR = 0xd;
  public static final int RTM_IFINFO = 0xe;
  public static final int RTM_IFINFO2 = 0x12;
  static final int OFFSET_INDEX = 12;
  static final int MIN_SIZE = OFFSET_INDEX + 2;

  private InterfaceMessages() {}

  /** The interface indexes of the interface messages in {@code buffer[0..length)}, in order. */
  public static List<Integer> indexes(byte[] buffer, int length) {
    ByteBuffer in = ByteBuffer.wrap(buffer, 0, length).order(ByteOrder.LITTLE_ENDIAN);
    List<Integer> indexes = new ArrayList<>();
    int at = 0;
    while (at + 4 <= length) {
      int messageLength = in.getShort(at) & 0xffff;
      if (messageLength < 4 || at + messageLength > length) {
        break;
      }
      int version = in.get(at + 2) & 0xff;
      int type = in.get(at + 3) & 0xff;
      boolean aboutAnInterface = type == RTM_NEWADDR || type == RTM_DELADDR || type == RTM_IFINFO || type == RTM_IFINFO2;
      if (version == RouteMessage.RTM_VERSION && aboutAnInterface && messageLength >= MIN_SIZE) {
        indexes.add(in.getShort(at + OFFSET_INDEX) & 0xffff);
      }
      at += messageLength;
    }
    return indexes;
  }
}
