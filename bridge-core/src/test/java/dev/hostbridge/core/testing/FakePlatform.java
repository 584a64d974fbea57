package dev.hostbridge.core.testing;

import dev.hostbridge.api.BridgeException;
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

/** An in-memory machine: a tap driver, devices with owners, interfaces, routes and a restartable VM. */
public final class FakePlatform implements HostPlatform, TapDevices, NetworkInterfaces, Routes, DockerVm {

  public boolean driverPresent = true;
  public final List<Path> installedPackages = new ArrayList<>();
  public final Map<String, String> deviceOwners = new LinkedHashMap<>();
  public final Map<String, InterfaceState> interfaces = new LinkedHashMap<>();
  public final List<Route> routes = new ArrayList<>();
  public final List<Path> dockerApps = new ArrayList<>();
  public Optional<String> backendProblem = Optional.empty();
  public int restarts;
  public Runnable onRestart = () -> {};
  /** Devices that exist without having been claimed (macOS nodes are there once the driver loads). */
  public boolean devicesExistUnclaimed = false;

  @Override
  public String name() {
    return "fake";
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

  // TapDevices
  @Override
  public boolean driverPresent() {
    return driverPresent;
  }

  @Override
  public String driverRemedy() {
    return "install the fake driver";
  }

  @Override
  public void installDriver(Path installerPackage) {
    installedPackages.add(installerPackage);
    driverPresent = true;
  }

  @Override
  public Optional<String> owner(String device) {
    if (deviceOwners.containsKey(device)) {
      return Optional.of(deviceOwners.get(device));
    }
    return devicesExistUnclaimed && driverPresent ? Optional.of("root") : Optional.empty();
  }

  @Override
  public void claim(String device, String user) {
    if (!driverPresent) {
      throw new BridgeException("fake.no-driver", BridgeException.Kind.PLATFORM, "no driver", "");
    }
    deviceOwners.put(device, user);
  }

  @Override
  public void release(String device) {
    deviceOwners.remove(device);
  }

  // NetworkInterfaces
  @Override
  public Optional<InterfaceState> find(String name) {
    return Optional.ofNullable(interfaces.get(name));
  }

  /** Makes an interface appear, as the VM launcher does when it opens the tap device. */
  public void addInterface(String name, String mac) {
    interfaces.put(name, new InterfaceState(name, false, List.of(), Optional.ofNullable(mac)));
  }

  @Override
  public void addAddress(String name, Ipv4Cidr address) {
    InterfaceState state = require(name);
    List<Ipv4Cidr> addresses = new ArrayList<>(state.addresses());
    addresses.removeIf(a -> a.address() == address.address());
    addresses.add(address);
    interfaces.put(name, new InterfaceState(name, state.up(), addresses, state.mac()));
  }

  @Override
  public void removeAddress(String name, Ipv4Cidr address) {
    InterfaceState state = interfaces.get(name);
    if (state == null) {
      return;
    }
    List<Ipv4Cidr> addresses = new ArrayList<>(state.addresses());
    addresses.remove(address);
    interfaces.put(name, new InterfaceState(name, state.up(), addresses, state.mac()));
  }

  @Override
  public void setUp(String name, boolean up) {
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

  // Routes
  @Override
  public Optional<Route> lookup(Ipv4Cidr destination) {
    return routes.stream().filter(r -> r.destination().equals(destination)).findFirst();
  }

  @Override
  public void add(Route route) {
    routes.add(route);
  }

  @Override
  public void delete(Route route) {
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
    restarts++;
    onRestart.run();
  }
}
