package dev.hostbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostbridge.wireguard.Cidr;
import dev.hostbridge.wireguard.Uapi;
import dev.hostbridge.wireguard.UapiSocket;
import dev.hostbridge.wireguard.WireGuardConfig;
import dev.hostbridge.wireguard.WireGuardEndpoint;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wireguard show}: wg's words and units, and the command against a running endpoint's socket. */
class WireGuardShowTest {

  @TempDir Path runDir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @Test
  void durationsAndSizesReadAsWgWritesThem() {
    assertEquals("1 minute, 5 seconds", WireGuardShowText.units(65));
    assertEquals("2 days, 1 second", WireGuardShowText.units(2 * 86400 + 1));
    assertEquals("1 year, 1 hour", WireGuardShowText.units(365L * 86400 + 3600));
    assertEquals("Now", WireGuardShowText.ago(Instant.ofEpochSecond(100), Instant.ofEpochMilli(100_900)));
    assertEquals("25 seconds ago", WireGuardShowText.ago(Instant.ofEpochSecond(100), Instant.ofEpochSecond(125)));
    assertEquals("1023 B", WireGuardShowText.bytes(1023));
    assertEquals("1.00 KiB", WireGuardShowText.bytes(1024));
    assertEquals("1.50 MiB", WireGuardShowText.bytes(3L << 19));
    assertEquals("2.00 TiB", WireGuardShowText.bytes(2L << 40));
  }

  @Test
  void anInterfaceIsLaidOutAsWgShowLaysItOut() {
    WireGuardEndpoint.PeerStatus quiet = new WireGuardEndpoint.PeerStatus("B".repeat(43) + "=", Optional.empty(), List.of(),
        Optional.empty(), 0, 0, 0, false);
    WireGuardEndpoint.PeerStatus busy = new WireGuardEndpoint.PeerStatus("A".repeat(43) + "=",
        Optional.of(new InetSocketAddress("10.1.2.3", 4567)), List.of(Cidr.parse("10.1.0.0/16"), Cidr.parse("10.9.9.9/32")),
        Optional.of(Instant.ofEpochSecond(1000)), 2048, 100, 25, true);
    String key = WireGuardEndpoint.generatePrivateKey();
    String text = WireGuardShowText.render("wg0", new Uapi.Device(key, 51820, List.of(quiet, busy)), Instant.ofEpochSecond(1070));
    assertEquals(String.join("\n",
        "interface: wg0",
        "  public key: " + WireGuardEndpoint.publicKey(key),
        "  private key: (hidden)",
        "  listening port: 51820",
        "",
        "peer: " + "A".repeat(43) + "=",
        "  preshared key: (hidden)",
        "  endpoint: 10.1.2.3:4567",
        "  allowed ips: 10.1.0.0/16, 10.9.9.9/32",
        "  latest handshake: 1 minute, 10 seconds ago",
        "  transfer: 2.00 KiB received, 100 B sent",
        "  persistent keepalive: every 25 seconds",
        "",
        "peer: " + "B".repeat(43) + "=",
        "  allowed ips: (none)",
        ""), text);
  }

  int show(String... args) {
    String[] argv = new String[args.length + 2];
    argv[0] = "wireguard";
    argv[1] = "show";
    System.arraycopy(args, 0, argv, 2, args.length);
    return Main.run(argv, Main.environment(Map.of(WireGuardCommand.RUN_DIR_VARIABLE, runDir.toString()),
        new PrintWriter(out, true), new PrintWriter(err, true)), new Main.DefaultBridgeFactoryModule());
  }

  @Test
  void showAsksTheRunningEndpointThroughItsSocket() throws Exception {
    String peer = WireGuardEndpoint.publicKey(WireGuardEndpoint.generatePrivateKey());
    try (WireGuardEndpoint endpoint = new WireGuardEndpoint(WireGuardEndpoint.generatePrivateKey(), new InetSocketAddress("127.0.0.1", 0),
            List.of(new WireGuardConfig.Peer(peer, Optional.empty(), List.of(Cidr.parse("10.7.0.0/24")), Optional.empty(), 0)), r -> { });
         UapiSocket socket = UapiSocket.listen(runDir, "wgt0", endpoint)) {
      assertEquals(0, show("wgt0"), err.toString());
      assertTrue(out.toString().startsWith("interface: wgt0\n  public key: " + endpoint.publicKey()), out.toString());
      assertTrue(out.toString().contains("peer: " + peer + "\n  allowed ips: 10.7.0.0/24"), out.toString());

      out.getBuffer().setLength(0);
      assertEquals(0, show("--json"), err.toString());
      JsonNode doc = new ObjectMapper().readTree(out.toString());
      assertEquals("wgt0", doc.path("interfaces").path(0).path("name").asText());
      assertEquals(endpoint.localAddress().getPort(), doc.path("interfaces").path(0).path("listenPort").asInt());
      assertEquals("10.7.0.0/24", doc.path("interfaces").path(0).path("peers").path(0).path("allowedIps").path(0).asText());
    }
  }

  @Test
  void aRunDirectoryThatIsNotAnAbsoluteCleanPathIsRefusedNamingTheVariable() {
    for (String bad : List.of("relative/dir", "/var/run/../etc", "/tmp/./x")) {
      StringWriter errors = new StringWriter();
      int code = Main.run(new String[] {"wireguard", "show"}, Main.environment(Map.of(WireGuardCommand.RUN_DIR_VARIABLE, bad),
          new PrintWriter(new StringWriter(), true), new PrintWriter(errors, true)), new Main.DefaultBridgeFactoryModule());
      assertEquals(2, code, bad);
      assertTrue(errors.toString().contains(WireGuardCommand.RUN_DIR_VARIABLE + "=" + bad), errors.toString());
    }
  }

  @Test
  void anInterfaceThatDoesNotAnswerIsAClearErrorAlsoInJson() throws Exception {
    assertEquals(3, show("wgnone"));
    assertTrue(err.toString().contains("[wireguard.not-running]: no WireGuard interface wgnone answers"), err.toString());
    assertEquals(3, show("--json", "wgnone"));
    assertEquals("wireguard.not-running", new ObjectMapper().readTree(out.toString()).path("error").path("code").asText());
    assertEquals(2, show("../etc"));
    assertTrue(err.toString().contains("is not an interface name"), err.toString());
  }
}
