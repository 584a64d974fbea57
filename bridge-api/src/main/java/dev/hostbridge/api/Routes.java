package dev.hostbridge.api;

import java.util.Optional;

/** The host's IPv4 routing table. */
public interface Routes {

  /** The route the host would use for exactly this destination, if there is one. */
  Optional<Route> lookup(Ipv4Cidr destination);

  /**
   * The host's routes that share addresses with {@code subnet}, other than default routes: what a
   * route of host-bridge's to {@code subnet} would take traffic from (a VPN's range, a LAN). A
   * platform that cannot list its routes answers what it can see; this default, the exact route.
   */
  default java.util.List<Route> overlapping(Ipv4Cidr subnet) {
    return lookup(subnet).stream().toList();
  }

  /** Adds the route (needs root). */
  void add(Route route);

  /** Deletes the route; a route that is not there is not an error (needs root). */
  void delete(Route route);
}
