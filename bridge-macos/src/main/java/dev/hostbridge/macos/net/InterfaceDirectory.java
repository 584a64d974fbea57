package dev.hostbridge.macos.net;

import dev.hostbridge.api.Ipv4Cidr;
import java.util.List;
import java.util.Optional;

/** What the host says about its interfaces without privileges: indexes, IPv4 addresses, MACs. */
public interface InterfaceDirectory {

  /** An interface as listed by the system. {@code mac} is lower-case and colon-separated. */
  record Listing(String name, int index, List<Ipv4Cidr> addresses, Optional<String> mac) {
    public Listing {
      addresses = List.copyOf(addresses);
    }
  }

  Optional<Listing> byName(String name);

  Optional<Listing> byIndex(int index);
}
