package dev.hostbridge.api;

import java.util.Optional;

/** The host's IPv4 routing table. */
public interface Routes {

  /** The route the host would use for exactly this destination, if there is one. */
  Optional<Route> lookup(Ipv4Cidr destination);

  /** Adds the route (needs root). */
  void add(Route route);

  /** Deletes the route; a route that is not there is not an error (needs root). */
  void delete(Route route);
}
