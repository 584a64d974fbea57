package dev.hostbridge.macos.wire;

import static dev.hostbridge.macos.wire.Bytes.assertBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteMessageTest {

  /** rt_msghdr: u16 msglen, u8 version, u8 type, u16 index, pad 2, six ints (flags to use), u32 inits, 14 u32 metrics. */
  @Test
  void headerIs92BytesLikeTheStruct() {
    int fields = 2 + 1 + 1 + 2 + 2 + 4 * 6 + 4;
    int metrics = 14 * 4;
    assertEquals(fields + metrics, RouteMessage.HEADER_SIZE);
    assertEquals(92, RouteMessage.HEADER_SIZE);
  }

  @Test
  void roundupPadsToFourAndGivesEmptySockaddrsFourBytes() {
    assertEquals(4, RouteMessage.roundup(0));
    assertEquals(4, RouteMessage.roundup(1));
    assertEquals(4, RouteMessage.roundup(4));
    assertEquals(8, RouteMessage.roundup(5));
    assertEquals(8, RouteMessage.roundup(6));
    assertEquals(16, RouteMessage.roundup(16));
    assertEquals(20, RouteMessage.roundup(20));
  }

  @Test
  void encodesHeaderFieldsLittleEndian() {
    byte[] message = RouteMessage.encode(RouteMessage.RTM_DELETE, 0x12345678, 0x01020304, 0x0a0b0c0d, Map.of());
    assertBytes(
        "5c00" + "05" + "02" + "0000" + "0000" // msglen 92, version 5, RTM_DELETE, index, pad
            + "78563412" + "00000000"           // flags, addrs
            + "0d0c0b0a" + "04030201"           // pid, seq
            + Bytes.zeros(12)                   // errno, use, inits
            + Bytes.zeros(56),                  // metrics
        message);
  }

  @Test
  void writesSockaddrsInBitOrderPaddedToFourBytes() {
    Map<Integer, byte[]> sockaddrs = new LinkedHashMap<>();
    sockaddrs.put(RouteMessage.RTA_NETMASK, Bytes.hex("06 00 0000 ffff"));
    sockaddrs.put(RouteMessage.RTA_DST, Bytes.hex("08 02 0000 0a000000"));
    byte[] message = RouteMessage.encode(RouteMessage.RTM_GET, 0, 1, 2, sockaddrs);
    assertEquals(92 + 8 + 8, message.length);
    assertEquals(108, message[0] & 0xff, "msglen counts the padding");
    assertEquals(RouteMessage.RTA_DST | RouteMessage.RTA_NETMASK, message[12]);
    assertBytes("0802 0000 0a000000" + "0600 0000 ffff 0000",
        java.util.Arrays.copyOfRange(message, 92, message.length));
  }

  @Test
  void rejectsSomethingThatIsNotOneRtaBit() {
    assertThrows(IllegalArgumentException.class,
        () -> RouteMessage.encode(RouteMessage.RTM_ADD, 0, 0, 0, Map.of(3, new byte[16])));
    assertThrows(IllegalArgumentException.class,
        () -> RouteMessage.encode(RouteMessage.RTM_ADD, 0, 0, 0, Map.of(0x100, new byte[16])));
  }

  /** XNU's rt_xaddrs stops at a sockaddr whose length is 0: what follows it would be silently ignored. */
  @Test
  void aZeroLengthSockaddrIsNeverEncoded() {
    Map<Integer, byte[]> empty = new LinkedHashMap<>();
    empty.put(RouteMessage.RTA_DST, SockaddrIn.encode(0x0a000000));
    empty.put(RouteMessage.RTA_GATEWAY, new byte[0]);
    assertThrows(IllegalArgumentException.class, () -> RouteMessage.encode(RouteMessage.RTM_ADD, 1, 1, 1, empty));
    Map<Integer, byte[]> zeroLength = new LinkedHashMap<>();
    zeroLength.put(RouteMessage.RTA_DST, SockaddrIn.encode(0x0a000000));
    zeroLength.put(RouteMessage.RTA_NETMASK, new byte[8]);
    assertThrows(IllegalArgumentException.class, () -> RouteMessage.encode(RouteMessage.RTM_ADD, 1, 1, 1, zeroLength));
  }

  @Test
  void noRequestHostBridgeSendsHasAZeroLengthSockaddr() {
    // The empty link address of an RTM_GET asks for the interface; it is a full 20-byte sockaddr_dl.
    byte[] get = RouteRequests.get(dev.hostbridge.api.Ipv4Cidr.parse("10.0.0.0/8"), 1, 1);
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(get).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int at = RouteMessage.HEADER_SIZE;
    for (int bit = 0; bit < 3; bit++) {
      int length = in.get(at) & 0xff;
      assertEquals(true, length > 0, "sockaddr " + bit + " at " + at);
      at += RouteMessage.roundup(length);
    }
    assertEquals(get.length, at);
  }
}
