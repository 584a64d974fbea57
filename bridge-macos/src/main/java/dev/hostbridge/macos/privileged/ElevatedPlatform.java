package dev.hostbridge.macos.privileged;

import dev.hostbridge.api.DockerVm;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.api.InterfaceState;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.NetworkInterfaces;
import dev.hostbridge.api.Route;
import dev.hostbridge.api.Routes;
import dev.hostbridge.api.TapDevices;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The platform as the user's process sees it when it is not root: reads go straight to the
 * platform, changes that need root go to the helper as allow-listed requests. Docker Desktop is
 * never driven from the helper: it must quit and start as the user who runs it.
 */
public final class ElevatedPlatform implements HostPlatform, AutoCloseable {

  private final HostPlatform direct;
  private final HelperChannel helper;

  public ElevatedPlatform(HostPlatform direct, HelperChannel helper) {
    this.direct = direct;
    this.helper = helper;
  }

  @Override
  public String name() {
    return direct.name();
  }

  @Override
  public TapDevices tapDevices() {
    TapDevices devices = direct.tapDevices();
    return new TapDevices() {
      @Override
      public boolean driverPresent() {
        return devices.driverPresent();
      }

      @Override
      public String driverRemedy() {
        return devices.driverRemedy();
      }

      @Override
      public void installDriver(Path installerPackage) {
        helper.submit(PrivilegedRequest.installDriver(installerPackage));
      }

      @Override
      public Optional<String> owner(String device) {
        return devices.owner(device);
      }

      @Override
      public void claim(String device, String user) {
        helper.submit(PrivilegedRequest.claimDevice(device, user));
      }

      @Override
      public void release(String device) {
        helper.submit(PrivilegedRequest.releaseDevice(device));
      }
    };
  }

  @Override
  public NetworkInterfaces interfaces() {
    NetworkInterfaces interfaces = direct.interfaces();
    return new NetworkInterfaces() {
      @Override
      public Optional<InterfaceState> find(String name) {
        return interfaces.find(name);
      }

      @Override
      public AutoCloseable watch(java.util.function.Consumer<String> onChange) {
        return interfaces.watch(onChange);
      }

      @Override
      public void addAddress(String name, Ipv4Cidr address) {
        helper.submit(PrivilegedRequest.addAddress(name, address));
      }

      @Override
      public void removeAddress(String name, Ipv4Cidr address) {
        helper.submit(PrivilegedRequest.removeAddress(name, address));
      }

      @Override
      public void setUp(String name, boolean up) {
        helper.submit(PrivilegedRequest.setLink(name, up));
      }
    };
  }

  @Override
  public Routes routes() {
    Routes routes = direct.routes();
    return new Routes() {
      @Override
      public Optional<Route> lookup(Ipv4Cidr destination) {
        return routes.lookup(destination);
      }

      /** Reading the table needs no privilege: straight to the platform, not the default's one lookup. */
      @Override
      public java.util.List<Route> overlapping(Ipv4Cidr subnet) {
        return routes.overlapping(subnet);
      }

      @Override
      public void add(Route route) {
        helper.submit(PrivilegedRequest.addRoute(route));
      }

      @Override
      public void delete(Route route) {
        helper.submit(PrivilegedRequest.deleteRoute(route));
      }
    };
  }

  /**
   * Straight to the platform: a utun lives as long as the socket that made it, so it must be opened
   * in this process, and that needs root (the watcher runs as the root service). For anyone else
   * opening one fails with EPERM and the advice to use sudo.
   */
  @Override
  public dev.hostbridge.api.TunnelDevices tunnelDevices() {
    return direct.tunnelDevices();
  }

  @Override
  public DockerVm dockerVm() {
    return direct.dockerVm();
  }

  /** A boot service is installed as root (sudo host-bridge service install): the platform acts directly. */
  @Override
  public dev.hostbridge.api.ServiceManager services() {
    return direct.services();
  }

  /** Reads only: straight from the platform, never through the helper. */
  @Override
  public java.util.List<dev.hostbridge.api.Diagnostic> diagnostics() {
    return direct.diagnostics();
  }

  /** Ends the helper, if one was started for this platform. */
  @Override
  public void close() throws Exception {
    if (helper instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }
}
