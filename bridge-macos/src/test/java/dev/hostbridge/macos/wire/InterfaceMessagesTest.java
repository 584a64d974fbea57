package dev.hostbridge.macos.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Interface messages of a routing socket, laid out as bsd/net/if.h declares them. */
public class InterfaceMessagesTest {

  /** An if_msghdr (or ifa_msghdr) of {@code length} bytes: length, version 5, type, addrs, flags, index. */
  public static byte[] message(int type, int index, int length) {
    return ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN)
        .putShort((short) length).put((byte) RouteMessage.RTM_VERSION).put((byte) type)
        .putInt(0).putInt(0x8843).putShort((short) index).array();
  }

  @Test
  void interfaceAndAddressMessagesGiveTheirIndex() {
    byte[] ifinfo = message(InterfaceMessages.RTM_IFINFO, 11, 112);
    assertEquals(List.of(11), InterfaceMessages.indexes(ifinfo, ifinfo.length));
    byte[] newaddr = message(InterfaceMessages.RTM_NEWADDR, 11, 20);
    assertEquals(List.of(11), InterfaceMessages.indexes(newaddr, newaddr.length));
    byte[] deladdr = message(InterfaceMessages.RTM_DELADDR, 4, 20);
    assertEquals(List.of(4), InterfaceMessages.indexes(deladdr, deladdr.length));
  }

  @Test
  void routeMessagesAndOtherVersionsAreSkipped() {
    byte[] route = RouteMessage.encode(RouteMessage.RTM_ADD, 1, 1, 1, Map.of(RouteMessage.RTA_DST, SockaddrIn.encode(0x0a000000)));
    assertEquals(List.of(), InterfaceMessages.indexes(route, route.length));
    byte[] oldVersion = message(InterfaceMessages.RTM_IFINFO, 3, 112);
    oldVersion[2] = 4;
    assertEquals(List.of(), InterfaceMessages.indexes(oldVersion, oldVersion.length));
  }

  @Test
  void aMessageLongerThanWhatWasReadEndsTheBatch() {
    byte[] ifinfo = message(InterfaceMessages.RTM_IFINFO, 11, 112);
    assertEquals(List.of(), InterfaceMessages.indexes(ifinfo, 60));
  }
}
