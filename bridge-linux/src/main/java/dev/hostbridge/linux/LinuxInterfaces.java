package dev.hostbridge.linux;

import dev.hostbridge.api.ErrorCode;
import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.InterfaceState;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.NetworkInterfaces;
import dev.hostbridge.linux.encoding.LinuxIfreq;
import dev.hostbridge.linux.encoding.LinuxIoctl;
import dev.hostbridge.linux.encoding.Netlink;
import dev.hostbridge.linux.natives.Errors;
import dev.hostbridge.linux.natives.LinuxC;
import dev.hostbridge.linux.natives.NetlinkSocket;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Interfaces through the JDK for reading, rtnetlink for addresses and ioctl for flags. */
final class LinuxInterfaces implements NetworkInterfaces {

  private final Path sysClassNet;

  LinuxInterfaces(Path sysClassNet) {
    this.sysClassNet = sysClassNet;
  }

  /**
   * Existence, flags and MAC come from sysfs: the JDK lists only interfaces that have an
   * address, so a fresh tap device would look absent.
   */
  @Override
  public Optional<InterfaceState> find(String name) {
    Path dir = sysClassNet.resolve(name);
    if (!validName(name) || !Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try {
      int flags = Integer.decode(Files.readString(dir.resolve("flags")).trim());
      String mac = Files.readString(dir.resolve("address")).trim().toLowerCase(java.util.Locale.ROOT);
      List<Ipv4Cidr> addresses = new ArrayList<>();
      NetworkInterface nic = NetworkInterface.getByName(name);
      if (nic != null) {
        for (InterfaceAddress address : nic.getInterfaceAddresses()) {
          if (address.getAddress() instanceof Inet4Address v4) {
            addresses.add(Ipv4Cidr.of(ByteBuffer.wrap(v4.getAddress()).getInt(), address.getNetworkPrefixLength()));
          }
        }
      }
      return Optional.of(new InterfaceState(name, (flags & LinuxIoctl.IFF_UP) != 0, addresses,
          mac.isEmpty() ? Optional.empty() : Optional.of(mac)));
    } catch (IOException | NumberFormatException e) {
      if (!Files.isDirectory(dir)) {
        return Optional.empty(); // it went away while we looked
      }
      throw new BridgeException(ErrorCode.LINUX_INTERFACES, "cannot read interface " + name + ": " + e.getMessage(), "Check that /sys is mounted.", e);
    }
  }

  private static boolean validName(String name) {
    return !name.isEmpty() && name.length() < 16 && !name.contains("/") && !name.equals(".") && !name.equals("..");
  }

  @Override
  public void addAddress(String name, Ipv4Cidr address) {
    // The kernel keys an address by address and prefix: the same address with another prefix goes first.
    for (Ipv4Cidr existing : find(name).map(InterfaceState::addresses).orElse(List.of())) {
      if (existing.address() == address.address() && !existing.equals(address)) {
        removeAddress(name, existing);
      }
    }
    int seq = NetlinkSocket.nextSequence();
    int errno = NetlinkSocket.request("assign " + address + " to " + name, Netlink.addAddress(seq, index(name), address), seq);
    if (errno != 0) {
      throw Errors.failed("assign " + address + " to " + name, errno);
    }
  }

  @Override
  public void removeAddress(String name, Ipv4Cidr address) {
    if (find(name).isEmpty()) {
      return;
    }
    int seq = NetlinkSocket.nextSequence();
    int errno = NetlinkSocket.request("remove " + address + " from " + name, Netlink.deleteAddress(seq, index(name), address), seq);
    if (errno != 0 && errno != Errors.EADDRNOTAVAIL) {
      throw Errors.failed("remove " + address + " from " + name, errno);
    }
  }

  @Override
  public void setUp(String name, boolean up) {
    withIfreq(name, "bring " + name + (up ? " up" : " down"), (c, fd, ifreq) -> {
      byte[] request = LinuxIfreq.withFlags(name, (short) 0);
      ifreq.write(0, request, 0, request.length);
      c.ioctl(fd, new NativeLong(LinuxIoctl.SIOCGIFFLAGS), ifreq);
      short flags = LinuxIfreq.flags(ifreq.getByteArray(0, LinuxIfreq.SIZE));
      short wanted = (short) (up ? flags | LinuxIoctl.IFF_UP : flags & ~LinuxIoctl.IFF_UP);
      if (wanted != flags) {
        byte[] change = LinuxIfreq.withFlags(name, wanted);
        ifreq.write(0, change, 0, change.length);
        c.ioctl(fd, new NativeLong(LinuxIoctl.SIOCSIFFLAGS), ifreq);
      }
    });
  }

  /** Sets the interface's MTU (needs root). */
  void setMtu(String name, int mtu) {
    withIfreq(name, "set the MTU of " + name + " to " + mtu, (c, fd, ifreq) -> {
      byte[] request = LinuxIfreq.withInt(name, mtu);
      ifreq.write(0, request, 0, request.length);
      c.ioctl(fd, new NativeLong(LinuxIoctl.SIOCSIFMTU), ifreq);
    });
  }

  private interface IfreqAction {
    void run(LinuxC c, int fd, Memory ifreq);
  }

  /** Runs interface ioctls on an AF_INET datagram socket with one {@code struct ifreq}; {@code operation} names them in errors. */
  private static void withIfreq(String name, String operation, IfreqAction action) {
    LinuxC c = LinuxC.INSTANCE;
    int fd;
    try {
      fd = c.socket(Netlink.AF_INET, LinuxC.SOCK_DGRAM | LinuxC.SOCK_CLOEXEC, 0);
    } catch (LastErrorException e) {
      throw Errors.failed("open a socket to change " + name, e);
    }
    try {
      action.run(c, fd, new Memory(LinuxIfreq.SIZE));
    } catch (LastErrorException e) {
      throw Errors.failed(operation, e);
    } finally {
      c.close(fd);
    }
  }

  @Override
  public AutoCloseable watch(java.util.function.Consumer<String> onChange) {
    return new LinuxInterfaceWatch(onChange, this::nameOf);
  }

  /** The name of the interface with this index, from sysfs; empty when there is none (any more). */
  String nameOf(int index) {
    try (var entries = Files.list(sysClassNet)) {
      for (Path dir : entries.toList()) {
        try {
          if (Integer.parseInt(Files.readString(dir.resolve("ifindex")).trim()) == index) {
            return dir.getFileName().toString();
          }
        } catch (IOException | NumberFormatException e) {
          // gone while we looked, or not an interface: the next one
        }
      }
    } catch (IOException e) {
      return "";
    }
    return "";
  }

  int index(String name) {
    Path file = sysClassNet.resolve(name).resolve("ifindex");
    if (!validName(name) || !Files.exists(file)) {
      throw new BridgeException(ErrorCode.LINUX_NO_INTERFACE, "there is no interface " + name, "Check that the VM is running and attached to it (ip link show " + name + ").");
    }
    try {
      return Integer.parseInt(Files.readString(file).trim());
    } catch (IOException | NumberFormatException e) {
      throw new BridgeException(ErrorCode.LINUX_INTERFACES, "cannot read interface " + name + ": " + e.getMessage(), "", e);
    }
  }
}
