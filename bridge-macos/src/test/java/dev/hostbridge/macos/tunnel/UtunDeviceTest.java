package dev.hostbridge.macos.tunnel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.NativeLong;
import dev.hostbridge.macos.jna.DarwinLibc;
import dev.hostbridge.macos.wire.DarwinNet;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The utun's packet loop over a real kernel datagram socket: one end of a Unix-domain socket pair
 * stands where the utun control socket would be, and the test plays the kernel's part at the
 * other end, writing and reading frames as if_utun.c does (a big-endian family header, then the
 * packet; one packet per datagram). That part of a utun is what this class must get right; the
 * opening of a real utun is {@code MacosUtunDeviceTest}'s, on a Mac. AF_UNIX (1) and SOCK_DGRAM
 * (2) have the same values on Linux and macOS, so this runs on both.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class UtunDeviceTest {

  static final int AF_UNIX = 1;
  static final int SOCK_DGRAM = 2;
  /** bsd/sys/socket.h. */
  static final int SO_SNDBUF = 0x1001;
  static final int SO_RCVBUF = 0x1002;

  final DarwinLibc c = DarwinLibc.instance();
  final int[] pair = new int[2];
  final UtunDevice device;

  UtunDeviceTest() {
    assertEquals(0, c.socketpair(AF_UNIX, SOCK_DGRAM, 0, pair));
    if (com.sun.jna.Platform.isMac()) {
      // macOS caps a local datagram at net.local.dgram.maxdgram (2 KiB) unless the buffers are
      // made larger; the utun control's are 512 KiB (if_utun.c, utun_register_control).
      byte[] size = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.nativeOrder()).putInt(512 * 1024).array();
      for (int fd : pair) {
        c.setsockopt(fd, DarwinNet.SOL_SOCKET, SO_SNDBUF, size, 4);
        c.setsockopt(fd, DarwinNet.SOL_SOCKET, SO_RCVBUF, size, 4);
      }
    }
    device = new UtunDevice(pair[0], "utun9");
  }

  @AfterEach
  void closeBoth() {
    device.close();
    c.close(pair[1]);
  }

  /** What the kernel side receives for one write of the device. */
  byte[] kernelReceives() {
    byte[] frame = new byte[70000];
    int length = c.read(pair[1], frame, new NativeLong(frame.length)).intValue();
    assertTrue(length >= 0, "read failed");
    return Arrays.copyOf(frame, length);
  }

  void kernelSends(int... values) {
    byte[] frame = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      frame[i] = (byte) values[i];
    }
    kernelSends(frame);
  }

  void kernelSends(byte[] frame) {
    assertEquals(frame.length, c.write(pair[1], frame, new NativeLong(frame.length)).intValue());
  }

  @Test
  void aPacketWrittenGoesOutBehindItsFamilyHeader() throws IOException {
    byte[] ipv4 = {0x45, 0, 0, 20, 1, 2, 3, 4};
    device.write(ByteBuffer.wrap(ipv4));
    assertArrayEquals(new byte[] {0, 0, 0, 2, 0x45, 0, 0, 20, 1, 2, 3, 4}, kernelReceives());
    byte[] ipv6 = {0x60, 0, 0, 0, 9};
    ByteBuffer framed = ByteBuffer.allocate(16).put(new byte[3]).put(ipv6).flip().position(3);
    device.write(framed);
    assertArrayEquals(new byte[] {0, 0, 0, 30, 0x60, 0, 0, 0, 9}, kernelReceives(), "from the buffer's position on");
  }

  @Test
  void aPacketReadComesWithoutItsHeaderAtTheBuffersPosition() throws IOException {
    kernelSends(0, 0, 0, 2, 0x45, 7, 7, 7);
    ByteBuffer into = ByteBuffer.allocate(32).position(5);
    assertEquals(4, device.read(into));
    assertEquals(5, into.position(), "the position is the caller's to move");
    assertArrayEquals(new byte[] {0x45, 7, 7, 7}, Arrays.copyOfRange(into.array(), 5, 9));
  }

  @Test
  void theLargestPacketGoesBothWays() throws IOException {
    byte[] big = new byte[UtunDevice.MAX_PACKET];
    big[0] = 0x45;
    big[big.length - 1] = 42;
    device.write(ByteBuffer.wrap(big));
    byte[] frame = kernelReceives();
    assertEquals(big.length + 4, frame.length);
    assertEquals(42, frame[frame.length - 1]);
    kernelSends(frame);
    ByteBuffer into = ByteBuffer.allocate(UtunDevice.MAX_PACKET);
    assertEquals(UtunDevice.MAX_PACKET, device.read(into));
    assertEquals(42, into.get(UtunDevice.MAX_PACKET - 1));
  }

  @Test
  void aFrameWithoutAPacketIsPassedOverAndTheNextOneRead() throws IOException {
    kernelSends(0, 0, 0, 2);
    kernelSends(0, 0);
    kernelSends(0, 0, 0, 2, 0x45, 1);
    ByteBuffer into = ByteBuffer.allocate(32);
    assertEquals(2, device.read(into));
    assertEquals(0x45, into.get(0));
  }

  @Test
  void aPacketLargerThanTheCallersBufferIsAnErrorNotATruncation() {
    kernelSends(0, 0, 0, 2, 0x45, 1, 2, 3, 4, 5);
    IOException e = assertThrows(IOException.class, () -> device.read(ByteBuffer.allocate(4)));
    assertTrue(e.getMessage().contains("6 bytes"), e.getMessage());
  }

  @Test
  void somethingThatIsNotAnIpPacketIsNotWritten() {
    assertThrows(IOException.class, () -> device.write(ByteBuffer.wrap(new byte[] {0x50, 1, 2})));
    assertThrows(IOException.class, () -> device.write(ByteBuffer.allocate(0)));
  }

  @Test
  void closingWakesAReaderBlockedInAnotherThread() throws Exception {
    CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
      try {
        return device.read(ByteBuffer.allocate(100));
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    Thread.sleep(200);
    assertTrue(!reader.isDone(), "nothing to read yet");
    device.close();
    assertEquals(-1, reader.get(5, TimeUnit.SECONDS));
    device.close(); // twice is harmless
    assertEquals(-1, device.read(ByteBuffer.allocate(10)));
    assertThrows(IOException.class, () -> device.write(ByteBuffer.wrap(new byte[] {0x45})));
  }
}
