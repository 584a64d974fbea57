package dev.hostbridge.macos.wire;

import static dev.hostbridge.macos.wire.Bytes.assertBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hostbridge.api.Ipv4Cidr;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class SockaddrInTest {

  @Test
  void encodesLengthFamilyNetworkOrderPortAndAddress() {
    byte[] encoded = SockaddrIn.encode(Ipv4Cidr.parseAddress("10.0.75.1"), 8080);
    // sin_len 16, AF_INET 2, port 8080 = 0x1f90 big-endian, 10.0.75.1, sin_zero.
    assertBytes("10 02 1f90 0a004b01 " + Bytes.zeros(8), encoded);
  }

  @Test
  void portZeroAndBroadcastAddress() {
    assertBytes("10 02 0000 ffffffff " + Bytes.zeros(8), SockaddrIn.encode(0xffffffff));
  }

  @Test
  void readsTrimmedAddressesAsTheKernelSendsThem() {
    // A netmask 255.255.0.0 trimmed to 6 bytes: len 6, family 0, 2 bytes of port, 2 of address.
    ByteBuffer trimmed = ByteBuffer.wrap(Bytes.hex("06 00 0000 ffff 0000")).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0xffff0000, SockaddrIn.address(trimmed, 0, 6));
    ByteBuffer empty = ByteBuffer.wrap(Bytes.hex("00 00 0000 ffffffff")).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0, SockaddrIn.address(empty, 0, 0), "bytes past sa_len are not part of the address");
  }

  @Test
  void rejectsPortOutOfRange() {
    assertThrows(IllegalArgumentException.class, () -> SockaddrIn.encode(0, 65536));
  }
}
