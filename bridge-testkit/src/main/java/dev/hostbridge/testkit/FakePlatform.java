package dev.hostbridge.testkit;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.Diagnostic;
import dev.hostbridge.api.DockerVm;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.api.InterfaceState;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.NetworkInterfaces;
import dev.hostbridge.api.Route;
import dev.hostbridge.api.Routes;
import dev.hostbridge.api.TapDevices;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory machine for tests: a tap driver, devices with owners, interfaces with addresses,
 * routes and a restartable VM. Every call is written to {@link #calls} ("claim tap1 ada",
 * "setUp tap1 true", ...); when {@link #failure} is set, every call fails with it after being
 * written down. Its state is public, so a test arranges and inspects it directly.
 */
public class FakePlatform implements HostPlatform, TapDevices, NetworkInterfaces, Routes, DockerVm {

  private final String name;
  /**
   * The calls, one line each in the order made: the operation and its arguments, e.g.
   * "claim tap1 ada" or "addRoute ..." and "deleteRoute ..." for the routes.
   */
  public final List<String> calls = new ArrayList<>();
  /** Thrown by every call, after it is written to {@link #calls}; null for none. */
  public BridgeException failure;

  /** Whether the tap driver is loaded; true at first, and {@link #installDriver} sets it. */
  public boolean driverPresent = true;
  /** What {@link #driverRemedy()} answers. */
  public String driverRemedy = "install the fake driver";
  /** The packages {@link #installDriver} was given, in order. */
  public final List<Path> installedPackages = new ArrayList<>();
  /** Each claimed device's owner, by device: {@link #claim} puts, {@link #release} removes. */
  public final Map<String, String> deviceOwners = new LinkedHashMap<>();
  /** Devices that exist without having been claimed (macOS nodes are there once the driver loads). */
  public boolean devicesExistUnclaimed = false;
  /** The host's interfaces by name. */
  public final Map<String, InterfaceState> interfaces = new LinkedHashMap<>();
  /** The host's routing table, in the order the routes were added. */
  public final List<Route> routes = new ArrayList<>();
  /** What {@link #dockerAppCandidates()} answers; empty at first. */
  public final List<Path> dockerApps = new ArrayList<>();
  /** What {@link #unsupportedBackend} answers for any app bundle; empty (supported) at first. */
  public Optional<String> backendProblem = Optional.empty();
  /** How many times {@link #restart()} was called. */
  public int restarts;
  /** Runs at each {@link #restart()}, after it is counted; does nothing at first. */
  public Runnable onRestart = () -> {};
  /** The service manager; null makes services() refuse as a platform without one does. */
  public dev.hostbridge.api.ServiceManager services;

  /** A platform named {@code fake}. */
  public FakePlatform() {
    this("fake");
  }

  /**
   * A platform with a name of the test's choosing.
   *
   * @param name what {@link #name()} answers
   */
  public FakePlatform(String name) {
    this.name = name;
  }

  private void call(String line) {
    calls.add(line);
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public TapDevices tapDevices() {
    return this;
  }

  @Override
  public NetworkInterfaces interfaces() {
    return this;
  }

  @Override
  public Routes routes() {
    return this;
  }

  @Override
  public DockerVm dockerVm() {
    return this;
  }

  @Override
  public dev.hostbridge.api.ServiceManager services() {
    return services != null ? services : HostPlatform.super.services();
  }

  /**
   * The driver, as a platform reports it to the doctor.
   *
   * @return one diagnostic: a fact when {@link #driverPresent} is true, else a PREREQUISITE problem
   *     with {@link #driverRemedy}
   */
  @Override
  public List<Diagnostic> diagnostics() {
    return List.of(driverPresent ? Diagnostic.fact("tap driver", "loaded (the fake driver)")
        : Diagnostic.problem("tap driver", "not loaded (the fake driver)", driverRemedy, BridgeException.Kind.PREREQUISITE));
  }

  // TapDevices
  @Override
  public boolean driverPresent() {
    call("driverPresent");
    return driverPresent;
  }

  @Override
  public String driverRemedy() {
    return driverRemedy;
  }

  @Override
  public void installDriver(Path installerPackage) {
    call("installDriver " + installerPackage);
    installedPackages.add(installerPackage);
    driverPresent = true;
  }

  @Override
  public Optional<String> owner(String device) {
    call("owner " + device);
    if (deviceOwners.containsKey(device)) {
      return Optional.of(deviceOwners.get(device));
    }
    return devicesExistUnclaimed && driverPresent ? Optional.of("root") : Optional.empty();
  }

  @Override
  public void claim(String device, String user) {
    call("claim " + device + " " + user);
    if (!driverPresent) {
      throw new BridgeException("fake.no-driver", BridgeException.Kind.PLATFORM, "no driver", driverRemedy);
    }
    deviceOwners.put(device, user);
  }

  @Override
  public void release(String device) {
    call("release " + device);
    deviceOwners.remove(device);
  }

  // NetworkInterfaces
  @Override
  public Optional<InterfaceState> find(String name) {
    call("find " + name);
    return Optional.ofNullable(interfaces.get(name));
  }

  /**
   * Makes an interface appear without any address, as a tap does when the VM launcher opens its device.
   *
   * @param name the interface's name; it replaces an interface of the same name, and is down
   * @param mac its hardware address, lower-case and colon-separated; null for none
   */
  public void addInterface(String name, String mac) {
    interfaces.put(name, new InterfaceState(name, false, List.of(), Optional.ofNullable(mac)));
  }

  @Override
  public void addAddress(String name, Ipv4Cidr address) {
    call("addAddress " + name + " " + address);
    InterfaceState state = require(name);
    List<Ipv4Cidr> addresses = new ArrayList<>(state.addresses());
    addresses.removeIf(a -> a.address() == address.address());
    addresses.add(address);
    interfaces.put(name, new InterfaceState(name, state.up(), addresses, state.mac()));
  }

  @Override
  public void removeAddress(String name, Ipv4Cidr address) {
    call("removeAddress " + name + " " + address);
    InterfaceState state = interfaces.get(name);
    if (state == null) {
      return;
    }
    List<Ipv4Cidr> addresses = new ArrayList<>(state.addresses());
    addresses.remove(address);
    interfaces.put(name, new InterfaceState(name, state.up(), addresses, state.mac()));
    dropUnreachableRoutes();
  }

  /**
   * Makes an interface go, as a tap does when the VM launcher closes its device: routes through it go too.
   *
   * @param name the interface's name
   */
  public void removeInterface(String name) {
    interfaces.remove(name);
    dropUnreachableRoutes();
  }

  /** As Linux does (fib_sync_down_addr): a route through a gateway that no interface's subnet holds any more goes. */
  private void dropUnreachableRoutes() {
    routes.removeIf(route -> route.gateway().isPresent() && !onLink(route.gateway().get()));
  }

  private boolean onLink(String gateway) {
    int address = Ipv4Cidr.parseAddress(gateway);
    return interfaces.values().stream().flatMap(i -> i.addresses().stream()).anyMatch(a -> a.network().contains(address));
  }

  @Override
  public void setUp(String name, boolean up) {
    call("setUp " + name + " " + up);
    InterfaceState state = require(name);
    interfaces.put(name, new InterfaceState(name, up, state.addresses(), state.mac()));
  }

  private InterfaceState require(String name) {
    InterfaceState state = interfaces.get(name);
    if (state == null) {
      throw new BridgeException("fake.no-interface", BridgeException.Kind.PLATFORM, "no interface " + name, "");
    }
    return state;
  }

  /** Who watches the interfaces ({@link #watch}); {@link #interfaceChanged} tells them. */
  public final List<java.util.function.Consumer<String>> watchers = new java.util.concurrent.CopyOnWriteArrayList<>();

  @Override
  public AutoCloseable watch(java.util.function.Consumer<String> onChange) {
    call("watch");
    watchers.add(onChange);
    return () -> watchers.remove(onChange);
  }

  /**
   * As the kernel reports a change of an interface to whoever watches.
   *
   * @param name what each of the {@link #watchers} is given
   */
  public void interfaceChanged(String name) {
    watchers.forEach(w -> w.accept(name));
  }

  // Routes
  @Override
  public Optional<Route> lookup(Ipv4Cidr destination) {
    call("lookup " + destination);
    return routes.stream().filter(r -> r.destination().equals(destination)).findFirst();
  }

  /**
   * As a platform that lists its routes (Linux): every route sharing addresses with the subnet, but default routes.
   *
   * @param subnet the network a route would lead to
   * @return the routes of {@link #routes} that overlap it, other than /0 ones
   */
  @Override
  public List<Route> overlapping(Ipv4Cidr subnet) {
    call("overlapping " + subnet);
    return routes.stream().filter(r -> r.destination().prefixLength() > 0 && r.destination().overlaps(subnet)).toList();
  }

  /**
   * As Linux and XNU do, a route through a gateway that no interface's subnet holds is refused (ENETUNREACH).
   *
   * @param route the route to add to {@link #routes}
   */
  @Override
  public void add(Route route) {
    call("addRoute " + route);
    if (route.gateway().isPresent() && !onLink(route.gateway().get())) {
      throw new BridgeException("fake.route-unreachable", BridgeException.Kind.PLATFORM,
          "cannot add the route to " + route.destination() + ": Network is unreachable", "");
    }
    routes.add(route);
  }

  @Override
  public void delete(Route route) {
    call("deleteRoute " + route);
    routes.remove(route);
  }

  // DockerVm
  @Override
  public List<Path> dockerAppCandidates() {
    return dockerApps;
  }

  @Override
  public Optional<String> unsupportedBackend(Path dockerApp) {
    return backendProblem;
  }

  @Override
  public void restart() {
    call("restart");
    restarts++;
    onRestart.run();
  }
}
