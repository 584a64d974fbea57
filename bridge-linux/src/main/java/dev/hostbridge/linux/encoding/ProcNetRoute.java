package dev.hostbridge.linux.encoding;

import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.Route;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Parses /proc/net/route, whose addresses are hex numbers in the host's byte order. */
public final class ProcNetRoute {

  private static final int RTF_GATEWAY = 0x2;

  private ProcNetRoute() {}

  public static List<Route> parse(String table) {
    List<Route> routes = new ArrayList<>();
    String[] lines = table.split("\n");
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].trim().split("\\s+");
      if (f.length < 8) {
        continue;
      }
      int destination = address(f[1]);
      int gateway = address(f[2]);
      int flags = Integer.parseInt(f[3], 16);
      int prefix = Integer.bitCount(address(f[7]));
      Ipv4Cidr cidr = Ipv4Cidr.of(destination, prefix);
      routes.add(new Route(cidr, (flags & RTF_GATEWAY) != 0 ? Optional.of(Ipv4Cidr.formatAddress(gateway)) : Optional.empty(),
          Optional.of(f[0])));
    }
    return routes;
  }

  /** The kernel prints the in-memory (network-order) bytes as a host-order number. */
  static int address(String hex) {
    int value = Integer.parseUnsignedInt(hex, 16);
    return ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? Integer.reverseBytes(value) : value;
  }
}
