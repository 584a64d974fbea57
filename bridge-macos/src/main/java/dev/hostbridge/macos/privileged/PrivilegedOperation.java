package dev.hostbridge.macos.privileged;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The only things the root helper will do: each a change host-bridge makes on macOS that the
 * kernel reserves for root. Reading (interfaces, routes, owners) and anything about Docker Desktop
 * stays with the user's process. Each operation takes a fixed number of arguments of fixed kinds.
 */
public enum PrivilegedOperation {
  /** chown /dev/tapN to the user. */
  CLAIM_DEVICE("claim-device", Argument.DEVICE, Argument.USER),
  /** chown /dev/tapN back to root. */
  RELEASE_DEVICE("release-device", Argument.DEVICE),
  /** SIOCDIFADDR + SIOCAIFADDR on a tap interface. */
  ADD_ADDRESS("add-address", Argument.TAP_INTERFACE, Argument.INTERFACE_ADDRESS),
  /** SIOCDIFADDR on a tap interface. */
  REMOVE_ADDRESS("remove-address", Argument.TAP_INTERFACE, Argument.INTERFACE_ADDRESS),
  /** SIOCSIFFLAGS on a tap interface. */
  SET_LINK("set-link", Argument.TAP_INTERFACE, Argument.LINK_STATE),
  /** RTM_ADD of a route to a subnet, through a gateway or out of a tap interface. */
  ADD_ROUTE("add-route", Argument.ROUTE_DESTINATION, Argument.NEXT_HOP_KIND, Argument.NEXT_HOP),
  /** RTM_DELETE of such a route. */
  DELETE_ROUTE("delete-route", Argument.ROUTE_DESTINATION, Argument.NEXT_HOP_KIND, Argument.NEXT_HOP),
  /** installer -pkg, then kmutil/kextload of tap.kext. */
  INSTALL_DRIVER("install-driver", Argument.PACKAGE);

  private final String verb;
  private final List<Argument> arguments;

  PrivilegedOperation(String verb, Argument... arguments) {
    this.verb = verb;
    this.arguments = List.of(arguments);
  }

  /** The word that names the operation on the helper's command line. */
  public String verb() {
    return verb;
  }

  public List<Argument> arguments() {
    return arguments;
  }

  public static Optional<PrivilegedOperation> byVerb(String verb) {
    return Arrays.stream(values()).filter(op -> op.verb.equals(verb)).findFirst();
  }
}
