package dev.hostbridge.linux.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Notifications as the kernel lays them out, built byte by byte from the headers' definitions. */
class LinkEventsTest {

  /** nlmsghdr (16) + ifinfomsg (16) + an IFLA_IFNAME attribute. */
  static byte[] link(int type, int index, String name) {
    byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.US_ASCII);
    int attr = 4 + nameBytes.length;
    int length = 16 + 16 + LinkEvents.align(attr);
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.nativeOrder());
    b.putInt(length).putShort((short) type).putShort((short) 0).putInt(1).putInt(0);
    b.put((byte) 0).put((byte) 0).putShort((short) 1).putInt(index).putInt(0x1043).putInt(0);
    b.putShort((short) attr).putShort((short) LinkEvents.IFLA_IFNAME).put(nameBytes);
    return b.array();
  }

  /** nlmsghdr + ifaddrmsg (8) + IFA_ADDRESS (8), without a label. */
  static byte[] address(int type, int index) {
    int length = 16 + 8 + 8;
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.nativeOrder());
    b.putInt(length).putShort((short) type).putShort((short) 0).putInt(2).putInt(0);
    b.put((byte) 2).put((byte) 24).put((byte) 0).put((byte) 0).putInt(index);
    b.putShort((short) 8).putShort((short) 1).put(new byte[] {10, 0, 75, 1});
    return b.array();
  }

  static byte[] concat(byte[]... parts) {
    ByteBuffer b = ByteBuffer.allocate(java.util.Arrays.stream(parts).mapToInt(p -> p.length).sum());
    for (byte[] part : parts) {
      b.put(part);
    }
    return b.array();
  }

  @Test
  void namesComeFromTheLinkMessagesAndFromTheIndexForAddresses() {
    byte[] batch = concat(link(LinkEvents.RTM_NEWLINK, 7, "tap1"), address(LinkEvents.RTM_NEWADDR, 7),
        link(LinkEvents.RTM_DELLINK, 8, "veth9"));
    assertEquals(List.of("tap1", "tap1", "veth9"), LinkEvents.interfaces(batch, batch.length, i -> i == 7 ? "tap1" : "?"));
  }

  @Test
  void otherMessagesAreSkippedAndATruncatedOneEndsTheBatch() {
    byte[] route = link(24, 3, "x"); // RTM_NEWROUTE: not ours
    byte[] good = link(LinkEvents.RTM_NEWLINK, 7, "tap1");
    byte[] batch = concat(route, good);
    assertEquals(List.of("tap1"), LinkEvents.interfaces(batch, batch.length, i -> "?"));
    assertEquals(List.of(), LinkEvents.interfaces(good, good.length - 4, i -> "?"), "cut short: nothing trusted");
  }
}
