package dev.hostbridge.api;

import java.util.Optional;

/** The host's IPv4 routing table. */
public interface Routes {

  /**
   * The route the host would use for exactly this destination, if there is one.
   *
   * @param destination the network, e.g. {@code 10.0.75.0/24}
   * @return the route; empty when the host has none to exactly that destination
   */
  Optional<Route> lookup(Ipv4Cidr destination);

  /**
   * The host's routes that share addresses with {@code subnet}, other than default routes: what a
   * route of host-bridge's to {@code subnet} would take traffic from (a VPN's range, a LAN). A
   * platform that cannot list its routes answers what it can see; this default, the exact route.
   *
   * @param subnet the network a route of host-bridge's would lead to
   * @return the overlapping routes; empty when there is none
   */
  default java.util.List<Route> overlapping(Ipv4Cidr subnet) {
    return lookup(subnet).stream().toList();
  }

  /**
   * Adds the route (needs root).
   *
   * @param route the route to add
   */
  void add(Route route);

  /**
   * Deletes the route; a route that is not there is not an error (needs root).
   *
   * @param route the route to delete
   */
  void delete(Route route);
}
