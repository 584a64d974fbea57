package dev.hostbridge.macos.net;

import dev.hostbridge.api.InterfaceState;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.NetworkInterfaces;
import dev.hostbridge.macos.jna.Errno;
import dev.hostbridge.macos.jna.RawSocket;
import dev.hostbridge.macos.jna.Sockets;
import dev.hostbridge.macos.jna.SyscallException;
import dev.hostbridge.macos.wire.DarwinNet;
import dev.hostbridge.macos.wire.IfAliasReq;
import dev.hostbridge.macos.wire.IfReq;
import dev.hostbridge.macos.wire.IoctlRequest;
import java.util.List;
import java.util.Optional;

/**
 * Interfaces on macOS, as {@code ifconfig} changes them: ioctls on an AF_INET datagram socket.
 *
 * <p>Whether an interface exists is the kernel's answer to SIOCGIFFLAGS (ENXIO: no such
 * interface), which any user may ask. "Up" is IFF_UP alone, what {@link #setUp} controls, not
 * IFF_RUNNING as well. Addresses and the MAC come from the {@link InterfaceDirectory}, which
 * lists an interface that has no address yet too.
 */
public final class MacosInterfaces implements NetworkInterfaces {

  private final Sockets sockets;
  private final InterfaceDirectory directory;

  public MacosInterfaces(Sockets sockets, InterfaceDirectory directory) {
    this.sockets = sockets;
    this.directory = directory;
  }

  @Override
  public Optional<InterfaceState> find(String name) {
    IfReq.checkName(name);
    int flags;
    try (RawSocket socket = inetSocket("reading flags of " + name)) {
      flags = readFlags(socket, name);
    } catch (SyscallException e) {
      if (e.errno() == Errno.ENXIO) {
        return Optional.empty();
      }
      throw e;
    }
    // An interface that went away between the ioctl and the listing has no addresses left either.
    Optional<InterfaceDirectory.Listing> listing = directory.byName(name);
    return Optional.of(new InterfaceState(name, (flags & IfReq.IFF_UP) != 0,
        listing.map(InterfaceDirectory.Listing::addresses).orElse(List.of()),
        listing.flatMap(InterfaceDirectory.Listing::mac)));
  }

  /**
   * Assigns the address with its prefix. On a point-to-point interface (a utun) XNU also needs the
   * other end's address; the interface's own address is given there, as wg-quick does on macOS,
   * and the prefix still makes the subnet's route point at the interface.
   */
  @Override
  public void addAddress(String name, Ipv4Cidr address) {
    try (RawSocket socket = inetSocket("assigning " + address + " to " + name)) {
      boolean pointToPoint = (readFlags(socket, name) & IfReq.IFF_POINTOPOINT) != 0;
      // Like ifconfig: drop a stale copy of the address (maybe with another prefix) first.
      deleteAddress(socket, name, address);
      byte[] request = pointToPoint
          ? IfAliasReq.encodePointToPoint(name, address, address.address())
          : IfAliasReq.encode(name, address);
      socket.ioctl(IoctlRequest.SIOCAIFADDR, request, address + " on " + name);
    }
  }

  @Override
  public void removeAddress(String name, Ipv4Cidr address) {
    try (RawSocket socket = inetSocket("removing " + address + " from " + name)) {
      deleteAddress(socket, name, address);
    } catch (SyscallException e) {
      // The interface is gone, and its addresses with it: nothing left to remove.
      if (e.errno() != Errno.ENXIO) {
        throw e;
      }
    }
  }

  @Override
  public void setUp(String name, boolean up) {
    try (RawSocket socket = inetSocket("bringing " + name + (up ? " up" : " down"))) {
      int flags = readFlags(socket, name);
      int wanted = up ? flags | IfReq.IFF_UP : flags & ~IfReq.IFF_UP;
      if (wanted != flags) {
        socket.ioctl(IoctlRequest.SIOCSIFFLAGS, IfReq.withFlags(name, wanted), "on " + name);
      }
    }
  }

  /** SIOCSIFMTU (root; XNU takes 72 to 65535). */
  public void setMtu(String name, int mtu) {
    try (RawSocket socket = inetSocket("setting the MTU of " + name + " to " + mtu)) {
      socket.ioctl(IoctlRequest.SIOCSIFMTU, IfReq.withMtu(name, mtu), mtu + " on " + name);
    }
  }

  /** SIOCGIFMTU. */
  public int mtu(String name) {
    try (RawSocket socket = inetSocket("reading the MTU of " + name)) {
      byte[] ifreq = IfReq.withMtu(name, 0);
      socket.ioctl(IoctlRequest.SIOCGIFMTU, ifreq, "on " + name);
      return IfReq.mtu(ifreq);
    }
  }

  /** Interface changes as XNU announces them on a routing socket; see {@link RoutingSocketWatch}. */
  @Override
  public AutoCloseable watch(java.util.function.Consumer<String> onChange) {
    return new RoutingSocketWatch(sockets, directory, onChange);
  }

  private static int readFlags(RawSocket socket, String name) {
    byte[] ifreq = IfReq.withFlags(name, 0);
    socket.ioctl(IoctlRequest.SIOCGIFFLAGS, ifreq, "on " + name);
    return IfReq.flags(ifreq);
  }

  /** SIOCDIFADDR of exactly this address; EADDRNOTAVAIL means it was not there, which is fine. */
  private static void deleteAddress(RawSocket socket, String name, Ipv4Cidr address) {
    try {
      socket.ioctl(IoctlRequest.SIOCDIFADDR, IfReq.withAddress(name, address.address()), address.addressText() + " on " + name);
    } catch (SyscallException e) {
      if (e.errno() != Errno.EADDRNOTAVAIL) {
        throw e;
      }
    }
  }

  private RawSocket inetSocket(String purpose) {
    return sockets.open(DarwinNet.AF_INET, DarwinNet.SOCK_DGRAM, 0, purpose);
  }
}
