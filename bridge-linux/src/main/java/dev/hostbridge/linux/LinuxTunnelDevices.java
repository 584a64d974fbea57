package dev.hostbridge.linux;

import dev.hostbridge.api.PacketDevice;
import dev.hostbridge.api.TunnelDevices;

/** TUN interfaces for the WireGuard tunnel; addresses are given through {@link LinuxInterfaces}. */
final class LinuxTunnelDevices implements TunnelDevices {

  @Override
  public PacketDevice open(String name, int mtu) {
    if (mtu < 576 || mtu > LinuxTunDevice.MAX_PACKET) {
      throw new IllegalArgumentException("MTU " + mtu + " is outside 576.." + LinuxTunDevice.MAX_PACKET);
    }
    return new LinuxTunDevice(name, mtu);
  }
}
