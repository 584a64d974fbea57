package dev.hostbridge.api;

import java.util.Optional;

/** An IPv4 route to a destination, through a gateway address or out of an interface. */
public record Route(Ipv4Cidr destination, Optional<String> gateway, Optional<String> interfaceName) {

  public static Route viaGateway(Ipv4Cidr destination, String gateway) {
    return new Route(destination, Optional.of(gateway), Optional.empty());
  }

  public static Route viaInterface(Ipv4Cidr destination, String interfaceName) {
    return new Route(destination, Optional.empty(), Optional.of(interfaceName));
  }
}
