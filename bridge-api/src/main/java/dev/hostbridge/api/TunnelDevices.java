package dev.hostbridge.api;

/** Creating layer-3 tunnel devices, for the WireGuard tunnel. */
public interface TunnelDevices {

  /**
   * Creates a tunnel interface with this MTU, down and without addresses, and opens it (needs
   * root). {@code name} is honoured where the platform lets one choose (Linux) and ignored where
   * the kernel names it (macOS); see {@link PacketDevice#name()}.
   */
  PacketDevice open(String name, int mtu);
}
