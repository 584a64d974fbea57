package dev.hostbridge.macos.net;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.Ipv4Cidr;
import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * {@link InterfaceDirectory} through {@link NetworkInterface}, which already wraps getifaddrs on
 * macOS; no native code of ours is needed to read addresses, indexes and MACs.
 */
public final class JavaNetInterfaceDirectory implements InterfaceDirectory {

  @Override
  public Optional<Listing> byName(String name) {
    try {
      return Optional.ofNullable(NetworkInterface.getByName(name)).map(JavaNetInterfaceDirectory::listing);
    } catch (SocketException e) {
      throw failure("looking up interface " + name, e);
    }
  }

  @Override
  public Optional<Listing> byIndex(int index) {
    try {
      return Optional.ofNullable(NetworkInterface.getByIndex(index)).map(JavaNetInterfaceDirectory::listing);
    } catch (SocketException e) {
      throw failure("looking up interface #" + index, e);
    }
  }

  private static Listing listing(NetworkInterface nic) {
    List<Ipv4Cidr> addresses = new ArrayList<>();
    for (InterfaceAddress address : nic.getInterfaceAddresses()) {
      if (address.getAddress() instanceof Inet4Address inet4) {
        int bits = ByteBuffer.wrap(inet4.getAddress()).getInt();
        addresses.add(Ipv4Cidr.of(bits, address.getNetworkPrefixLength()));
      }
    }
    return new Listing(nic.getName(), nic.getIndex(), addresses, mac(nic));
  }

  private static Optional<String> mac(NetworkInterface nic) {
    try {
      byte[] hardware = nic.getHardwareAddress();
      if (hardware == null || hardware.length == 0) {
        return Optional.empty();
      }
      return Optional.of(HexFormat.ofDelimiter(":").formatHex(hardware));
    } catch (SocketException e) {
      return Optional.empty();
    }
  }

  private static BridgeException failure(String what, SocketException e) {
    return new BridgeException("macos.interfaces.unreadable", BridgeException.Kind.PLATFORM,
        what + " failed: " + e.getMessage(), "", e);
  }
}
