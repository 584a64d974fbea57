package dev.hostbridge.cli;

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
import java.util.List;
import java.util.Optional;

/** A platform of a given name that records every call, with a driver that is there or not. */
final class RecordingPlatform implements HostPlatform, TapDevices, NetworkInterfaces, Routes {

  final String name;
  final List<String> calls = new ArrayList<>();
  boolean driverPresent = true;
  DockerVm dockerVm = new DockerVm() {
    @Override
    public List<Path> dockerAppCandidates() {
      return List.of();
    }

    @Override
    public Optional<String> unsupportedBackend(Path dockerApp) {
      return Optional.empty();
    }

    @Override
    public void restart() {
      calls.add("restart");
    }
  };

  RecordingPlatform(String name) {
    this.name = name;
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
    return dockerVm;
  }

  @Override
  public boolean driverPresent() {
    calls.add("driverPresent");
    return driverPresent;
  }

  @Override
  public String driverRemedy() {
    return "load the fake driver";
  }

  @Override
  public void installDriver(Path installerPackage) {
    calls.add("installDriver " + installerPackage);
  }

  @Override
  public Optional<String> owner(String device) {
    calls.add("owner " + device);
    return Optional.empty();
  }

  @Override
  public void claim(String device, String user) {
    calls.add("claim " + device + " " + user);
  }

  @Override
  public void release(String device) {
    calls.add("release " + device);
  }

  @Override
  public Optional<InterfaceState> find(String name) {
    calls.add("find " + name);
    return Optional.empty();
  }

  @Override
  public void addAddress(String name, Ipv4Cidr address) {
    calls.add("addAddress " + name + " " + address);
  }

  @Override
  public void removeAddress(String name, Ipv4Cidr address) {
    calls.add("removeAddress " + name + " " + address);
  }

  @Override
  public void setUp(String name, boolean up) {
    calls.add("setUp " + name + " " + up);
  }

  @Override
  public Optional<Route> lookup(Ipv4Cidr destination) {
    calls.add("lookup " + destination);
    return Optional.empty();
  }

  @Override
  public void add(Route route) {
    calls.add("addRoute " + route);
  }

  @Override
  public void delete(Route route) {
    calls.add("deleteRoute " + route);
  }

  /** As the Linux platform reports its driver. */
  @Override
  public List<dev.hostbridge.api.Diagnostic> diagnostics() {
    String checked = "checked that /dev/net/tun is a character device";
    return List.of(driverPresent
        ? dev.hostbridge.api.Diagnostic.fact("tap driver", "loaded (" + checked + ")")
        : dev.hostbridge.api.Diagnostic.problem("tap driver", "not loaded (" + checked + ")", driverRemedy(),
            dev.hostbridge.api.BridgeException.Kind.PREREQUISITE));
  }
}
