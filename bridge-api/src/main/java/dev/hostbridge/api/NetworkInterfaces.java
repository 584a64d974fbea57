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

  /**
   * Tells {@code onChange} the name of each interface the kernel reports a change of: it appeared
   * or went, came up or down, got or lost an IPv4 address. The name is empty when the kernel did
   * not say and the interface is gone. Calls come from a thread of the platform's until the
   * returned handle is closed. Needs no root.
   *
   * @throws BridgeException ({@link ErrorCode#WATCH_UNSUPPORTED}) where the platform cannot watch
   */
  default AutoCloseable watch(java.util.function.Consumer<String> onChange) {
    throw new BridgeException(ErrorCode.WATCH_UNSUPPORTED, "this platform cannot watch its interfaces",
        "Run install after each change instead.");
  }
}
