package dev.hostbridge.core.steps;

import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.Route;
import dev.hostbridge.api.Routes;
import dev.hostbridge.api.Step;
import dev.hostbridge.api.StepContext;
import dev.hostbridge.api.StepIds;
import dev.hostbridge.api.StepStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code --route-all}, the host's half: a route for each Docker bridge network's IPv4 subnet
 * through the VM's address on the tap link, following networks as they come and go (the watcher
 * looks again at each network event). Before a route is added the host's table is read: a subnet
 * that shares addresses with a route the host has (a VPN's range, the LAN) is skipped, and the
 * status says so naming both; it is never routed over. Volatile: the routes go with the tap's
 * address when the VM stops.
 */
public final class HostRoutes implements Step {

  private final RouteAll routes;

  public HostRoutes(RouteAll routes) {
    this.routes = routes;
  }

  @Override
  public String id() {
    return StepIds.HOST_ROUTES;
  }

  @Override
  public String description() {
    return "a route on this host for each Docker network's subnet through the VM's tap address (--route-all)";
  }

  @Override
  public Set<String> dependsOn() {
    return Set.of(StepIds.VM_FORWARD, StepIds.HOST_ADDRESS);
  }

  @Override
  public boolean isVolatile() {
    return true;
  }

  /** The host's table against what is wanted, through {@code via}. */
  record Look(Ipv4Cidr via, Set<Ipv4Cidr> routed, Set<Ipv4Cidr> missing, Map<Ipv4Cidr, List<Route>> skipped, List<Route> stale) {

    boolean complete() {
      return missing.isEmpty() && stale.isEmpty();
    }

    String skippedText() {
      return skipped.entrySet().stream().map(e -> e.getKey() + " (the host routes " + e.getValue().stream().map(HostRoutes::describe)
          .collect(Collectors.joining(", ")) + ")").collect(Collectors.joining("; "));
    }
  }

  @Override
  public StepStatus check(StepContext context) {
    Optional<Ipv4Cidr> via = routes.vmAddress();
    if (via.isEmpty()) {
      return StepStatus.pending("the VM's tap address is not known yet (the network '" + context.config().network() + "' is missing or full)");
    }
    Look look = look(context, via.get());
    if (look.complete()) {
      String reason = look.routed().size() + " subnet(s) routed through " + via.get().addressText() + ": " + look.routed();
      return look.skipped().isEmpty() ? StepStatus.satisfied(reason)
          : StepStatus.satisfied(reason + "; not routed: " + look.skipped().keySet(), "Not routed, because the host routes "
              + "them already: " + look.skippedText() + ". Give those Docker networks other subnets, or take the host's route away.");
    }
    List<String> changes = new ArrayList<>();
    if (!look.missing().isEmpty()) {
      changes.add(look.missing() + " will be routed through " + via.get().addressText());
    }
    if (!look.stale().isEmpty()) {
      changes.add("the routes to " + look.stale().stream().map(Route::destination).toList() + " (networks that are gone) will be removed");
    }
    return StepStatus.pending(String.join("; ", changes));
  }

  @Override
  public void apply(StepContext context) {
    routes.refresh();
    Ipv4Cidr via = routes.vmAddress().orElseThrow(() -> new IllegalStateException("the VM's tap address is not known"));
    Look look = look(context, via);
    Routes table = context.platform().routes();
    for (Route route : look.stale()) {
      context.progress("removing the route to " + route.destination() + " through " + route.gateway().orElse("?") + ": its network is gone");
      table.delete(Route.viaGateway(route.destination(), route.gateway().orElseThrow()));
    }
    Set<Ipv4Cidr> ours = new LinkedHashSet<>(look.routed());
    context.record("gateway", via.addressText());
    List<Route> added = new ArrayList<>();
    try {
      for (Ipv4Cidr subnet : look.missing()) {
        // Journaled before the change: a crash between the two leaves a route uninstall still knows.
        ours.add(subnet);
        context.record("routes", join(ours));
        Route route = Route.viaGateway(subnet, via.addressText());
        table.add(route);
        added.add(route);
      }
    } catch (RuntimeException e) {
      // A failed apply leaves nothing of its own: the routes it added go again.
      for (Route route : added) {
        try {
          table.delete(route);
        } catch (RuntimeException cleanup) {
          e.addSuppressed(cleanup);
        }
      }
      throw e;
    }
    context.record("routes", join(ours));
    if (!look.skipped().isEmpty()) {
      context.progress("warning: not routed, because the host routes them already: " + look.skippedText());
    }
  }

  @Override
  public void revert(StepContext context) {
    Optional<String> gateway = context.recorded("gateway").map(text -> parseAddress(text).map(Ipv4Cidr::formatAddress)
        .orElseThrow(() -> Recorded.invalid(context, "gateway", text, "is not an IPv4 address")));
    if (gateway.isEmpty()) {
      return;
    }
    for (Ipv4Cidr subnet : Recorded.subnets(context, "routes")) {
      context.platform().routes().delete(Route.viaGateway(subnet, gateway.get()));
    }
  }

  /** Where each wanted subnet stands in the host's table, and the routes through our gateways that nothing wants now. */
  private Look look(StepContext context, Ipv4Cidr via) {
    Routes table = context.platform().routes();
    Set<Integer> gateways = new LinkedHashSet<>();
    gateways.add(via.address());
    context.recorded("gateway").flatMap(HostRoutes::parseAddress).ifPresent(gateways::add);
    // Ours: what the journal says this step added, through the VM's address now or the one before.
    // A route of the person's through the same address is theirs, and is neither removed nor ignored.
    Set<Ipv4Cidr> journaled = new LinkedHashSet<>(Recorded.subnets(context, "routes"));
    java.util.function.Predicate<Route> ours = route -> through(route, gateways) && journaled.contains(route.destination().network());
    Set<Ipv4Cidr> wanted = routes.subnets();
    Set<Ipv4Cidr> routed = new LinkedHashSet<>();
    Set<Ipv4Cidr> missing = new LinkedHashSet<>();
    Map<Ipv4Cidr, List<Route>> skipped = new LinkedHashMap<>();
    List<Route> stale = new ArrayList<>();
    for (Ipv4Cidr subnet : wanted) {
      List<Route> overlapping = table.overlapping(subnet);
      boolean present = overlapping.stream().anyMatch(r -> r.destination().network().equals(subnet) && through(r, Set.of(via.address())));
      List<Route> others = overlapping.stream().filter(ours.negate()).toList();
      if (present) {
        routed.add(subnet);
      } else if (!others.isEmpty()) {
        skipped.put(subnet, others);
      } else {
        missing.add(subnet);
      }
    }
    // Journaled routes that nothing wants now (their network went, or the VM's address moved).
    for (Ipv4Cidr subnet : journaled) {
      for (Route route : table.overlapping(subnet)) {
        boolean wantedHere = wanted.contains(subnet) && through(route, Set.of(via.address()));
        if (route.destination().network().equals(subnet) && through(route, gateways) && !wantedHere && !stale.contains(route)) {
          stale.add(route);
        }
      }
    }
    return new Look(via, routed, missing, skipped, stale);
  }

  private static boolean through(Route route, Set<Integer> gateways) {
    return route.gateway().flatMap(HostRoutes::parseAddress).map(gateways::contains).orElse(false);
  }

  private static Optional<Integer> parseAddress(String text) {
    try {
      return Optional.of(Ipv4Cidr.parseAddress(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static String describe(Route route) {
    return route.destination() + route.gateway().map(g -> " via " + g).orElse("") + route.interfaceName().map(i -> " dev " + i).orElse("");
  }

  private static String join(Set<Ipv4Cidr> subnets) {
    return subnets.stream().map(Object::toString).collect(Collectors.joining(" "));
  }
}
