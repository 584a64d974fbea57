package dev.hostbridge.api;

import java.util.Optional;

/**
 * An IPv4 route to a destination, through a gateway address or out of an interface.
 *
 * @param destination the network the route leads to, e.g. {@code 10.0.75.0/24}
 * @param gateway the next hop's IPv4 address, e.g. {@code 10.0.75.2}; empty for a route out of
 *     an interface
 * @param interfaceName the interface the route goes out of, e.g. {@code tap1}; empty for a route
 *     through a gateway
 */
public record Route(Ipv4Cidr destination, Optional<String> gateway, Optional<String> interfaceName) {

  /**
   * A route through a gateway address.
   *
   * @param destination the network the route leads to
   * @param gateway the next hop's IPv4 address, e.g. {@code 10.0.75.2}
   * @return the route, with no interface
   */
  public static Route viaGateway(Ipv4Cidr destination, String gateway) {
    return new Route(destination, Optional.of(gateway), Optional.empty());
  }

  /**
   * A route out of an interface.
   *
   * @param destination the network the route leads to
   * @param interfaceName the interface's name, e.g. {@code tap1}
   * @return the route, with no gateway
   */
  public static Route viaInterface(Ipv4Cidr destination, String interfaceName) {
    return new Route(destination, Optional.empty(), Optional.of(interfaceName));
  }
}
