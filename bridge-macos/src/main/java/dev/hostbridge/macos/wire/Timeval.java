package dev.hostbridge.macos.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/**
 * {@code struct timeval} of 64-bit macOS, for SO_RCVTIMEO: {@code long tv_sec} (8 bytes) then
 * {@code int tv_usec} (4 bytes) and 4 bytes of padding to the struct's 8-byte alignment.
 */
public final class Timeval {

  public static final int SIZE = 16;

  private Timeval() {}

  public static byte[] encode(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("negative timeout: " + duration);
    }
    ByteBuffer buffer = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putLong(0, duration.getSeconds());
    buffer.putInt(8, duration.getNano() / 1000);
    return buffer.array();
  }
}
