package dev.hostbridge.wireguard;

import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * A TAI64N label (12 bytes, big-endian): 2^62 plus the seconds, then the nanoseconds. WireGuard
 * puts one in each initiation so that a responder can refuse a replayed one; as wireguard-go does,
 * the nanoseconds are rounded down to a multiple of 2^24 so the label does not reveal the clock finely.
 */
final class Tai64n {

  private static final long BASE = 0x400000000000000aL;
  private static final int WHITEN = ~((1 << 24) - 1);

  private Tai64n() {}

  static byte[] of(Instant instant) {
    return ByteBuffer.allocate(12).putLong(BASE + instant.getEpochSecond()).putInt(instant.getNano() & WHITEN).array();
  }
}
