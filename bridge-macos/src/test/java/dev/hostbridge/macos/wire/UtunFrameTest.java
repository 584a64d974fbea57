package dev.hostbridge.macos.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The utun family header: big-endian (utun_output htonl's it), AF_INET 2 and Darwin's AF_INET6 30. */
class UtunFrameTest {

  @Test
  void theFamilyComesFromTheVersionNibble() {
    ByteBuffer packets = ByteBuffer.wrap(new byte[] {0x45, 0x60, 0x50, 0x00});
    assertEquals(2, UtunFrame.familyOf(packets, 0));
    assertEquals(30, UtunFrame.familyOf(packets, 1));
    assertEquals(-1, UtunFrame.familyOf(packets, 2), "version 5 is neither");
    assertEquals(-1, UtunFrame.familyOf(packets, 3), "version 0 is neither");
    assertEquals(-1, UtunFrame.familyOf(packets, 4), "no byte at all");
  }

  @Test
  void theHeaderIsBigEndianWhateverTheBuffersOrder() {
    ByteBuffer frame = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    UtunFrame.putHeader(frame, 2, UtunFrame.AF_INET6);
    assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 30, 0, 0}, frame.array());
    assertEquals(30, UtunFrame.familyIn(frame, 2));
    UtunFrame.putHeader(frame, 0, 0x0a0b0c0d);
    assertEquals(0x0a0b0c0d, UtunFrame.familyIn(frame, 0));
  }
}
