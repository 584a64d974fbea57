package dev.hostbridge.linux;

import dev.hostbridge.api.PacketDevice;
import dev.hostbridge.api.TunnelDevices;

/** TUN interfaces for the WireGuard tunnel; addresses are given through {@link LinuxInterfaces}. */
final class LinuxTunnelDevices implements TunnelDevices {

  private final LinuxInterfaces interfaces;

  LinuxTunnelDevices(LinuxInterfaces interfaces) {
    this.interfaces = interfaces;
  }

  @Override
  public PacketDevice open(String name, int mtu) {
    TunnelDevices.requireMtu(mtu);
    LinuxTunDevice device = new LinuxTunDevice(name);
    try {
      interfaces.setMtu(device.name(), mtu);
    } catch (RuntimeException e) {
      device.close();
      throw e;
    }
    return device;
  }
}
