package dev.hostbridge.macos.privileged;

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
import java.util.List;
import java.util.Optional;

/** A platform that writes each call as a line into {@link #calls}, and can be told to fail. */
final class RecordingPlatform implements HostPlatform {

  final List<String> calls = new ArrayList<>();
  BridgeException failure;

  private void call(String line) {
    calls.add(line);
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public String name() {
    return "recording";
  }

  @Override
  public TapDevices tapDevices() {
    return new TapDevices() {
      @Override
      public boolean driverPresent() {
        call("driverPresent");
        return true;
      }

      @Override
      public String driverRemedy() {
        return "remedy";
      }

      @Override
      public void installDriver(Path installerPackage) {
        call("installDriver " + installerPackage);
      }

      @Override
      public Optional<String> owner(String device) {
        call("owner " + device);
        return Optional.of("alice");
      }

      @Override
      public void claim(String device, String user) {
        call("claim " + device + " " + user);
      }

      @Override
      public void release(String device) {
        call("release " + device);
      }
    };
  }

  @Override
  public NetworkInterfaces interfaces() {
    return new NetworkInterfaces() {
      @Override
      public Optional<InterfaceState> find(String name) {
        call("find " + name);
        return Optional.empty();
      }

      @Override
      public void addAddress(String name, Ipv4Cidr address) {
        call("addAddress " + name + " " + address);
      }

      @Override
      public void removeAddress(String name, Ipv4Cidr address) {
        call("removeAddress " + name + " " + address);
      }

      @Override
      public void setUp(String name, boolean up) {
        call("setUp " + name + " " + up);
      }
    };
  }

  @Override
  public Routes routes() {
    return new Routes() {
      @Override
      public Optional<Route> lookup(Ipv4Cidr destination) {
        call("lookup " + destination);
        return Optional.empty();
      }

      @Override
      public void add(Route route) {
        call("addRoute " + route);
      }

      @Override
      public void delete(Route route) {
        call("deleteRoute " + route);
      }
    };
  }

  @Override
  public DockerVm dockerVm() {
    return new DockerVm() {
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
        call("restart");
      }
    };
  }
}
