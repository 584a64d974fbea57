package dev.hostbridge.api;

import java.util.Optional;

/** The host's network interfaces and their IPv4 addresses. */
public interface NetworkInterfaces {

  Optional<InterfaceState> find(String name);

  /** Assigns the address with its prefix, replacing a stale one of the same address (needs root). */
  void addAddress(String name, Ipv4Cidr address);

  /** Removes the address; an address that is not there is not an error (needs root). */
  void removeAddress(String name, Ipv4Cidr address);

  /** Brings the interface up or down (needs root). */
  void setUp(String name, boolean up);
}
