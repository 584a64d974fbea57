package dev.hostbridge.linux;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.Route;
import dev.hostbridge.core.Settings;

/** Runs one platform operation and prints its result; the real tests start it inside a namespace. */
public final class PlatformCli {

  private PlatformCli() {}

  public static void main(String[] args) {
    HostPlatform platform = new LinuxPlatformProvider().create(Settings.builder().osName("Linux").build());
    try {
      System.out.println(run(platform, args));
    } catch (BridgeException e) {
      System.out.println("ERROR " + e.code() + ": " + e.getMessage());
      System.exit(1);
    }
  }

  static String run(HostPlatform p, String[] a) {
    return switch (a[0]) {
      case "driver" -> String.valueOf(p.tapDevices().driverPresent());
      case "owner" -> p.tapDevices().owner(a[1]).orElse("absent");
      case "claim" -> {
        p.tapDevices().claim(a[1], a[2]);
        yield "claimed";
      }
      case "release" -> {
        p.tapDevices().release(a[1]);
        yield "released";
      }
      case "find" -> p.interfaces().find(a[1]).map(Object::toString).orElse("absent");
      case "jdk-find" -> jdkFind(a[1]);
      case "watch" -> watch(p, Integer.parseInt(a[1]));
      case "add-address" -> {
        p.interfaces().addAddress(a[1], Ipv4Cidr.parse(a[2]));
        yield "added";
      }
      case "remove-address" -> {
        p.interfaces().removeAddress(a[1], Ipv4Cidr.parse(a[2]));
        yield "removed";
      }
      case "up", "down" -> {
        p.interfaces().setUp(a[1], a[0].equals("up"));
        yield a[0];
      }
      case "add-route", "delete-route" -> {
        Route route = a[2].equals("via") ? Route.viaGateway(Ipv4Cidr.parse(a[1]), a[3]) : Route.viaInterface(Ipv4Cidr.parse(a[1]), a[3]);
        if (a[0].equals("add-route")) {
          p.routes().add(route);
        } else {
          p.routes().delete(route);
        }
        yield a[0];
      }
      case "lookup" -> p.routes().lookup(Ipv4Cidr.parse(a[1])).map(Object::toString).orElse("absent");
      case "overlapping" -> p.routes().overlapping(Ipv4Cidr.parse(a[1])).toString();
      default -> throw new IllegalArgumentException("unknown operation " + a[0]);
    };
  }

  /** What the JDK's interface list says of the interface: the view that hides an address-less one. */
  private static String jdkFind(String name) {
    try {
      java.net.NetworkInterface nic = java.net.NetworkInterface.getByName(name);
      return nic == null ? "absent" : "present";
    } catch (java.net.SocketException e) {
      return "error " + e.getMessage();
    }
  }

  /** Prints each interface the platform reports a change of, one per line, for the given seconds. */
  private static String watch(HostPlatform p, int seconds) {
    try (AutoCloseable watch = p.interfaces().watch(name -> {
      System.out.println("changed " + name);
      System.out.flush();
    })) {
      System.out.println("watching");
      System.out.flush();
      Thread.sleep(seconds * 1000L);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return "done";
  }
}
