package dev.hostbridge.wireguard;

/**
 * The counters a session has accepted, as a sliding window of the last 2048 (RFC 6479's idea):
 * a counter above the highest seen moves the window; one inside it is accepted once; one below it
 * is too old.
 */
final class ReplayWindow {

  static final int SIZE = 2048;
  private final long[] bits = new long[SIZE / 64];
  private long highest = -1;

  boolean mayAccept(long counter) {
    if (counter < 0) {
      return false;
    }
    if (counter > highest) {
      return true;
    }
    if (highest - counter >= SIZE) {
      return false;
    }
    int bit = (int) (counter % SIZE);
    return (bits[bit / 64] & (1L << (bit % 64))) == 0;
  }

  void accept(long counter) {
    if (counter > highest) {
      long steps = Math.min(counter - highest, SIZE);
      for (long c = highest + 1; c <= highest + steps; c++) {
        int bit = (int) (c % SIZE);
        bits[bit / 64] &= ~(1L << (bit % 64));
      }
      highest = counter;
    }
    int bit = (int) (counter % SIZE);
    bits[bit / 64] |= 1L << (bit % 64);
  }
}
