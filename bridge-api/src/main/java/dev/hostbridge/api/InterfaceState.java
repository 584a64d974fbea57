package dev.hostbridge.api;

import java.util.List;
import java.util.Optional;

/**
 * A network interface as the host sees it now. {@code mac} is lower-case, colon-separated.
 *
 * @param name the interface's name, e.g. {@code tap1}
 * @param up whether it is up
 * @param addresses its IPv4 addresses, each with its prefix
 * @param mac its hardware address, e.g. {@code 02:00:00:00:00:01}; empty when the platform reports none
 */
public record InterfaceState(String name, boolean up, List<Ipv4Cidr> addresses, Optional<String> mac) {
  /**
   * Copies {@code addresses}, so that the state does not change with the caller's list.
   *
   * @param name the interface's name
   * @param up whether it is up
   * @param addresses its IPv4 addresses; not null
   * @param mac its hardware address; empty when there is none
   */
  public InterfaceState {
    addresses = List.copyOf(addresses);
  }

  /**
   * Whether the interface has this address with this prefix.
   *
   * @param address the address and its prefix, e.g. {@code 10.0.75.1/24}
   * @return true when it is among {@link #addresses()}
   */
  public boolean has(Ipv4Cidr address) {
    return addresses.contains(address);
  }
}
