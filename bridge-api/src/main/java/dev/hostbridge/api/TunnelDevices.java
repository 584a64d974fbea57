package dev.hostbridge.api;

/** Creating layer-3 tunnel devices, for the WireGuard tunnel. */
public interface TunnelDevices {

  /** The smallest MTU a tunnel device takes: the datagram size every IPv4 host must accept (RFC 791). */
  int MIN_MTU = 576;
  /** The largest: an IP packet's length field. */
  int MAX_MTU = 65535;

  /**
   * Refuses an MTU outside {@link #MIN_MTU}..{@link #MAX_MTU}, before anything is made.
   *
   * @param mtu the MTU in bytes
   * @return {@code mtu}, unchanged, when it is allowed
   * @throws IllegalArgumentException when it is outside the range
   */
  static int requireMtu(int mtu) {
    if (mtu < MIN_MTU || mtu > MAX_MTU) {
      throw new IllegalArgumentException("MTU " + mtu + " is outside " + MIN_MTU + ".." + MAX_MTU);
    }
    return mtu;
  }

  /**
   * Creates a tunnel interface with this MTU and no addresses, and opens it (needs root). It is
   * down on Linux until brought up; a utun is up from the start. An MTU outside
   * {@link #MIN_MTU}..{@link #MAX_MTU} is refused before anything is made. {@code name} is
   * honoured where the platform lets one choose (Linux) and ignored where the kernel names it
   * (macOS); see {@link PacketDevice#name()}.
   *
   * @param name the interface's name, where the platform lets one choose
   * @param mtu the MTU in bytes, {@link #MIN_MTU} to {@link #MAX_MTU}
   * @return the open device
   * @throws IllegalArgumentException when the MTU is outside the range
   */
  PacketDevice open(String name, int mtu);
}
