package dev.hostbridge.macos.wire;

import static dev.hostbridge.macos.wire.Bytes.assertBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class SockaddrDlTest {

  @Test
  void encodesIndexAndNameInTheMinimumTwentyBytes() {
    // len 20, AF_LINK 18, index 7 (host order), type 0, nlen 4, alen 0, slen 0, "tap1", padding.
    assertBytes("14 12 0700 00 04 00 00 74617031" + Bytes.zeros(8), SockaddrDl.encode(7, "tap1"));
  }

  @Test
  void emptyOneAsksForTheInterface() {
    assertBytes("14 12" + Bytes.zeros(18), SockaddrDl.empty());
  }

  @Test
  void decodesWhatTheKernelSendsWithAMacAfterTheName() {
    // tap1, index 0x0b, type 6 (ethernet), nlen 4, alen 6: name then MAC in sdl_data.
    byte[] raw = Bytes.hex("14 12 0b00 06 04 06 00 74617031 0a0b0c0d0e0f 0000");
    SockaddrDl.LinkAddress link = SockaddrDl.decode(ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN), 0, raw.length);
    assertEquals(new SockaddrDl.LinkAddress(11, "tap1"), link);
  }

  @Test
  void rejectsANameLongerThanTheSockaddr() {
    byte[] raw = Bytes.hex("0c 12 0100 00 09 00 00 74617031");
    assertThrows(IllegalArgumentException.class,
        () -> SockaddrDl.decode(ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN), 0, 12));
  }
}
