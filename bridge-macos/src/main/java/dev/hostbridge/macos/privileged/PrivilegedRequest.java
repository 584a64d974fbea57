package dev.hostbridge.macos.privileged;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.Route;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One allow-listed operation with its arguments, checked on construction: every argument must
 * have exactly its accepted form, so a request that exists is one the helper may carry out.
 * Encoded as an argument vector: the operation's verb, then the arguments.
 */
public record PrivilegedRequest(PrivilegedOperation operation, List<String> arguments) {

  public PrivilegedRequest {
    arguments = List.copyOf(arguments);
    List<Argument> kinds = operation.arguments();
    if (arguments.size() != kinds.size()) {
      throw refused(operation.verb() + " takes " + kinds.size() + " arguments, got " + arguments.size());
    }
    for (int i = 0; i < kinds.size(); i++) {
      Argument kind = kinds.get(i);
      String value = arguments.get(i);
      if (kind.canonical(value).isEmpty()) {
        throw refused(operation.verb() + ": argument " + (i + 1) + " '" + printable(value) + "' is not " + kind.form());
      }
      if (kind == Argument.NEXT_HOP) {
        boolean viaInterface = arguments.get(i - 1).equals(Argument.INTERFACE);
        if (viaInterface != Argument.isTap(value)) {
          throw refused(operation.verb() + ": '" + printable(value) + "' is not " + (viaInterface ? "a tap interface" : "a gateway address"));
        }
      }
    }
  }

  /** Decodes an argument vector, refusing anything outside the allow-list. */
  public static PrivilegedRequest fromArgv(List<String> argv) {
    if (argv.isEmpty()) {
      throw refused("no operation given");
    }
    PrivilegedOperation operation = PrivilegedOperation.byVerb(argv.get(0))
        .orElseThrow(() -> refused("'" + printable(argv.get(0)) + "' is not an operation the helper performs"));
    return new PrivilegedRequest(operation, argv.subList(1, argv.size()));
  }

  public List<String> toArgv() {
    List<String> argv = new ArrayList<>();
    argv.add(operation.verb());
    argv.addAll(arguments);
    return argv;
  }

  public static PrivilegedRequest claimDevice(String device, String user) {
    return new PrivilegedRequest(PrivilegedOperation.CLAIM_DEVICE, List.of(device, user));
  }

  public static PrivilegedRequest releaseDevice(String device) {
    return new PrivilegedRequest(PrivilegedOperation.RELEASE_DEVICE, List.of(device));
  }

  public static PrivilegedRequest addAddress(String name, Ipv4Cidr address) {
    return new PrivilegedRequest(PrivilegedOperation.ADD_ADDRESS, List.of(name, address.toString()));
  }

  public static PrivilegedRequest removeAddress(String name, Ipv4Cidr address) {
    return new PrivilegedRequest(PrivilegedOperation.REMOVE_ADDRESS, List.of(name, address.toString()));
  }

  public static PrivilegedRequest setLink(String name, boolean up) {
    return new PrivilegedRequest(PrivilegedOperation.SET_LINK, List.of(name, up ? "up" : "down"));
  }

  public static PrivilegedRequest addRoute(Route route) {
    return new PrivilegedRequest(PrivilegedOperation.ADD_ROUTE, routeArguments(route));
  }

  public static PrivilegedRequest deleteRoute(Route route) {
    return new PrivilegedRequest(PrivilegedOperation.DELETE_ROUTE, routeArguments(route));
  }

  public static PrivilegedRequest installDriver(Path installerPackage) {
    return new PrivilegedRequest(PrivilegedOperation.INSTALL_DRIVER, List.of(installerPackage.toAbsolutePath().normalize().toString()));
  }

  /** The route these arguments describe (for ADD_ROUTE and DELETE_ROUTE). */
  Route route() {
    Ipv4Cidr destination = Ipv4Cidr.parse(arguments.get(0));
    return arguments.get(1).equals(Argument.GATEWAY)
        ? Route.viaGateway(destination, arguments.get(2))
        : Route.viaInterface(destination, arguments.get(2));
  }

  private static List<String> routeArguments(Route route) {
    // The routing table keys a route by its network; send that form, which the helper checks for.
    String destination = route.destination().network().toString();
    if (route.gateway().isPresent() && route.interfaceName().isEmpty()) {
      return List.of(destination, Argument.GATEWAY, route.gateway().get());
    }
    if (route.interfaceName().isPresent() && route.gateway().isEmpty()) {
      return List.of(destination, Argument.INTERFACE, route.interfaceName().get());
    }
    throw refused("a route needs either a gateway or an interface: " + route);
  }

  static BridgeException refused(String why) {
    return new BridgeException(ErrorCode.HELPER_REFUSED, "the elevated helper refused the request: " + why,
        "host-bridge only asks its helper for the changes it makes itself; this is a defect, please report it.");
  }

  private static String printable(String value) {
    StringBuilder text = new StringBuilder();
    value.codePoints().limit(80).forEach(c -> text.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return text.toString();
  }
}
