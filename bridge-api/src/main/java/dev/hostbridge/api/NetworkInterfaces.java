package dev.hostbridge.api;

import java.util.Optional;

/** The host's network interfaces and their IPv4 addresses. */
public interface NetworkInterfaces {

  /**
   * The interface of this name, as it is now.
   *
   * @param name the interface's name, e.g. {@code tap1}
   * @return its state; empty when there is no interface of that name
   */
  Optional<InterfaceState> find(String name);

  /**
   * Assigns the address with its prefix, replacing a stale one of the same address (needs root).
   *
   * @param name the interface's name
   * @param address the address with its prefix, e.g. {@code 10.0.75.1/24}
   */
  void addAddress(String name, Ipv4Cidr address);

  /**
   * Removes the address; an address that is not there is not an error (needs root).
   *
   * @param name the interface's name
   * @param address the address with its prefix
   */
  void removeAddress(String name, Ipv4Cidr address);

  /**
   * Brings the interface up or down (needs root).
   *
   * @param name the interface's name
   * @param up true to bring it up, false to bring it down
   */
  void setUp(String name, boolean up);

  /**
   * Tells {@code onChange} the name of each interface the kernel reports a change of: it appeared
   * or went, came up or down, got or lost an IPv4 address. The name is empty when the kernel did
   * not say and the interface is gone. Calls come from a thread of the platform's until the
   * returned handle is closed. Needs no root.
   *
   * @param onChange what to tell each change; it gets the interface's name, or an empty string
   * @return a handle whose {@code close} stops the calls
   * @throws BridgeException ({@link ErrorCode#WATCH_UNSUPPORTED}) where the platform cannot watch
   */
  default AutoCloseable watch(java.util.function.Consumer<String> onChange) {
    throw new BridgeException(ErrorCode.WATCH_UNSUPPORTED, "this platform cannot watch its interfaces",
        "Run install after each change instead.");
  }
}
