package dev.hostbridge.linux.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.Route;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ProcNetRouteTest {

  @Test
  void parsesTheKernelsTable() {
    Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "sample taken on a little-endian machine");
    String table = """
        Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
        eth0\t00000000\t0100A8C0\t0003\t0\t0\t0\t00000000\t0\t0\t0
        tap1\t004B000A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
        """;
    List<Route> routes = ProcNetRoute.parse(table);
    assertEquals(new Route(Ipv4Cidr.parse("0.0.0.0/0"), Optional.of("192.168.0.1"), Optional.of("eth0")), routes.get(0));
    assertEquals(new Route(Ipv4Cidr.parse("10.0.75.0/24"), Optional.empty(), Optional.of("tap1")), routes.get(1));
  }
}
