package dev.hostbridge.macos.tunnel;

import dev.hostbridge.api.PacketDevice;
import dev.hostbridge.api.TunnelDevices;
import dev.hostbridge.macos.net.MacosInterfaces;
import java.util.function.Supplier;

/**
 * utun interfaces for the WireGuard tunnel. The kernel names each one (the name asked for is not
 * used); it is up from the start, and its addresses are given through {@link MacosInterfaces}.
 */
public final class MacosTunnelDevices implements TunnelDevices {

  private final MacosInterfaces interfaces;
  private final Supplier<PacketDevice> utuns;

  public MacosTunnelDevices(MacosInterfaces interfaces) {
    this(interfaces, UtunDevice::open);
  }

  /** With the way utuns are opened given, so that a test can hand in a device of its own. */
  MacosTunnelDevices(MacosInterfaces interfaces, Supplier<PacketDevice> utuns) {
    this.interfaces = interfaces;
    this.utuns = utuns;
  }

  @Override
  public PacketDevice open(String name, int mtu) {
    TunnelDevices.requireMtu(mtu);
    PacketDevice device = utuns.get();
    try {
      interfaces.setMtu(device.name(), mtu);
    } catch (RuntimeException e) {
      device.close();
      throw e;
    }
    return device;
  }
}
