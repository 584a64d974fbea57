package dev.hostbridge.macos.wire;

import static dev.hostbridge.macos.wire.Bytes.assertBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hostbridge.api.Ipv4Cidr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IfReqTest {

  static final String TAP1_NAME = "74617031" + Bytes.zeros(12); // "tap1" NUL-padded to IFNAMSIZ

  @Test
  void flagsAreALittleEndianShortAfterTheName() {
    byte[] ifreq = IfReq.withFlags("tap1", IfReq.IFF_UP | IfReq.IFF_BROADCAST | IfReq.IFF_MULTICAST);
    assertEquals(32, ifreq.length);
    assertBytes(TAP1_NAME + "0380" + Bytes.zeros(14), ifreq);
  }

  @Test
  void readsFlagsUnsignedEvenWithTheMulticastBit() {
    byte[] ifreq = Bytes.hex(TAP1_NAME + "4388" + Bytes.zeros(14));
    assertEquals(0x8843, IfReq.flags(ifreq));
  }

  @Test
  void addressVariantCarriesASockaddrInAtOffset16() {
    byte[] ifreq = IfReq.withAddress("tap1", Ipv4Cidr.parseAddress("10.0.75.1"));
    assertBytes(TAP1_NAME + "1002 0000 0a004b01" + Bytes.zeros(8), ifreq);
  }

  @Test
  void fifteenCharactersStillLeaveRoomForTheTerminator() {
    byte[] ifreq = IfReq.withFlags("abcdefghijklmno", 0);
    assertEquals(0, ifreq[15]);
    assertEquals('o', ifreq[14]);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abcdefghijklmnop", "tap1;", "tap 1", "tap1/x", "täp1"})
  void rejectsNamesTheKernelCannotTake(String name) {
    assertThrows(IllegalArgumentException.class, () -> IfReq.withFlags(name, 0));
  }

  @Test
  void rejectsFlagsWiderThanAShort() {
    assertThrows(IllegalArgumentException.class, () -> IfReq.withFlags("tap1", 0x10000));
  }

  @Test
  void rejectsABufferOfTheWrongSize() {
    assertThrows(IllegalArgumentException.class, () -> IfReq.flags(new byte[16]));
  }
}
