package dev.hostbridge.api;

import java.util.List;
import java.util.Optional;

/** A network interface as the host sees it now. {@code mac} is lower-case, colon-separated. */
public record InterfaceState(String name, boolean up, List<Ipv4Cidr> addresses, Optional<String> mac) {
  public InterfaceState {
    addresses = List.copyOf(addresses);
  }

  public boolean has(Ipv4Cidr address) {
    return addresses.contains(address);
  }
}
