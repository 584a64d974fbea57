package dev.hostbridge.linux;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.Route;
import dev.hostbridge.api.Routes;
import dev.hostbridge.linux.encoding.Netlink;
import dev.hostbridge.linux.encoding.ProcNetRoute;
import dev.hostbridge.linux.natives.Errors;
import dev.hostbridge.linux.natives.NetlinkSocket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Routes: read from /proc/net/route, changed through rtnetlink. */
final class LinuxRoutes implements Routes {

  private final Path procNetRoute;
  private final LinuxInterfaces interfaces;

  LinuxRoutes(Path procNetRoute, LinuxInterfaces interfaces) {
    this.procNetRoute = procNetRoute;
    this.interfaces = interfaces;
  }

  @Override
  public Optional<Route> lookup(Ipv4Cidr destination) {
    try {
      return ProcNetRoute.parse(Files.readString(procNetRoute)).stream()
          .filter(r -> r.destination().equals(destination.network()))
          .findFirst();
    } catch (IOException e) {
      throw new BridgeException(ErrorCode.LINUX_ROUTES, "cannot read " + procNetRoute + ": " + e.getMessage(), "Check that /proc is mounted.", e);
    }
  }

  /** Every route of the main table (/proc/net/route) whose destination shares addresses with {@code subnet}, but the default. */
  @Override
  public java.util.List<Route> overlapping(Ipv4Cidr subnet) {
    try {
      return ProcNetRoute.parse(Files.readString(procNetRoute)).stream()
          .filter(r -> r.destination().prefixLength() > 0 && r.destination().overlaps(subnet.network()))
          .toList();
    } catch (IOException e) {
      throw new BridgeException(ErrorCode.LINUX_ROUTES, "cannot read " + procNetRoute + ": " + e.getMessage(), "Check that /proc is mounted.", e);
    }
  }

  @Override
  public void add(Route route) {
    change(route, true);
  }

  @Override
  public void delete(Route route) {
    change(route, false);
  }

  private void change(Route route, boolean add) {
    Integer gateway = route.gateway().map(Ipv4Cidr::parseAddress).orElse(null);
    Integer ifindex = route.interfaceName().map(interfaces::index).orElse(null);
    int seq = NetlinkSocket.nextSequence();
    byte[] message = add
        ? Netlink.addRoute(seq, route.destination(), gateway, ifindex)
        : Netlink.deleteRoute(seq, route.destination(), gateway, ifindex);
    String operation = (add ? "add" : "delete") + " the route to " + route.destination();
    int errno = NetlinkSocket.request(operation, message, seq);
    if (errno != 0 && !(!add && errno == Errors.ESRCH)) {
      throw Errors.failed(operation, errno);
    }
  }
}
