package dev.hostbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.api.HostPlatformProvider;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.PacketDevice;
import dev.hostbridge.core.Settings;
import dev.hostbridge.wireguard.Cidr;
import dev.hostbridge.wireguard.DevicePump;
import dev.hostbridge.wireguard.WireGuardConfig;
import dev.hostbridge.wireguard.WireGuardEndpoint;
import dev.hostbridge.wireguard.WireGuardGoLab;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WireGuard tunnel end to end on real kernel interfaces: our endpoint on a TUN device made by
 * the Linux platform in this namespace, wireguard-go on its own TUN in another namespace, a veth
 * between them. wireguard-go initiates (persistent keepalive; our side knows no endpoint for it),
 * and then ping and TCP go both ways through the tunnel, between the two kernels' own stacks.
 */
class TunnelIT {

  @TempDir Path dir;
  private final String ns = "hbtun-" + ProcessHandle.current().pid();
  private WireGuardGoLab lab;
  private WireGuardEndpoint endpoint;
  private DevicePump pump;
  private PacketDevice device;
  private Process command;

  @BeforeEach
  void requirements() {
    lab = new WireGuardGoLab(ns, "hbtna", "hbtnb", "hbtung", dir);
    Requirements.wireGuardGo();
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (command != null && command.isAlive()) {
      command.destroyForcibly().waitFor();
    }
    if (endpoint != null) {
      endpoint.close();
    }
    if (pump != null) {
      pump.close();
    }
    lab.close();
  }

  @Test
  void pingAndTcpGoBothWaysThroughOurEndpointOnATun() throws Exception {
    namespaceWithVeth();

    HostPlatform linux = ServiceLoader.load(HostPlatformProvider.class).stream().map(ServiceLoader.Provider::get)
        .filter(p -> p.name().equals("linux")).findFirst().orElseThrow()
        .create(Settings.builder().environment(System.getenv()).build());
    device = linux.tunnelDevices().open("hbtun0", 1420);
    assertEquals("hbtun0", device.name());
    assertEquals("1420", Files.readString(Path.of("/sys/class/net/hbtun0/mtu")).strip());
    linux.interfaces().addAddress("hbtun0", Ipv4Cidr.parse("10.201.0.1/24"));
    linux.interfaces().setUp("hbtun0", true);

    String ourPrivate = WireGuardEndpoint.generatePrivateKey();
    String theirPrivate = WireGuardEndpoint.generatePrivateKey();
    String theirPublic = WireGuardEndpoint.publicKey(theirPrivate);
    pump = new DevicePump(device);
    endpoint = new WireGuardEndpoint(ourPrivate, new InetSocketAddress("10.198.0.1", 0),
        List.of(new WireGuardConfig.Peer(theirPublic, Optional.empty(), List.of(Cidr.parse("10.201.0.2/32")), Optional.empty(), 0)),
        pump);
    pump.start(endpoint);

    startWireGuardGo(theirPrivate, ourPrivate, "10.198.0.1:" + endpoint.localAddress().getPort(), "10.201.0.0/24",
        "10.201.0.2/24");

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!endpoint.hasSession(theirPublic) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(endpoint.hasSession(theirPublic), "wireguard-go's keepalive started a handshake with us");

    // our kernel answers their ping; their kernel answers ours
    String fromThem = inNs("busybox", "ping", "-c", "3", "-W", "3", "10.201.0.1");
    assertTrue(fromThem.contains("3 packets received"), fromThem);
    String fromUs = sh("busybox", "ping", "-c", "3", "-W", "3", "10.201.0.2");
    assertTrue(fromUs.contains("3 packets received"), fromUs);

    // TCP both ways, with more data than fits in one packet: an HTTP server on each side
    byte[] body = new byte[3 * 1024 * 1024];
    new Random(7).nextBytes(body);
    Path www = Files.createDirectories(dir.resolve("www"));
    Files.write(www.resolve("blob"), body);
    Process httpd = new ProcessBuilder("ip", "netns", "exec", ns, "busybox", "httpd", "-f", "-p", "10.201.0.2:8081", "-h",
        www.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("httpd.log").toFile()).start();
    HttpServer ours = HttpServer.create(new InetSocketAddress("10.201.0.1", 0), 0);
    ours.createContext("/blob", exchange -> {
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    ours.start();
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      byte[] fetched = null;
      for (int attempt = 0; attempt < 20 && fetched == null; attempt++) {
        try {
          fetched = client.send(HttpRequest.newBuilder(URI.create("http://10.201.0.2:8081/blob")).timeout(Duration.ofSeconds(20))
              .build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        } catch (java.net.ConnectException notYetListening) {
          Thread.sleep(100);
        }
      }
      assertEquals(sha256(body), sha256(fetched), "3 MiB over TCP from their side");

      String theirs = inNs("sh", "-c", "busybox wget -q -O - http://10.201.0.1:" + ours.getAddress().getPort()
          + "/blob | busybox sha256sum");
      assertEquals(sha256(body), theirs.split("\\s+")[0], "3 MiB over TCP from our side");
    } finally {
      ours.stop(0);
      httpd.destroy();
      httpd.waitFor(5, TimeUnit.SECONDS);
    }

    pump.close();
    endpoint.close();
    endpoint = null;
    pump = null;
    assertFalse(Files.exists(Path.of("/sys/class/net/hbtun0")), "the interface goes with the device");
  }

  @Test
  void wireguardUpRunsATunnelFromAWgQuickFileAndRemovesItOnSigterm() throws Exception {
    namespaceWithVeth();
    String ourPrivate = WireGuardEndpoint.generatePrivateKey();
    String theirPrivate = WireGuardEndpoint.generatePrivateKey();
    Path config = dir.resolve("hbwgc0.conf");
    Files.writeString(config, String.join("\n", "[Interface]", "PrivateKey = " + ourPrivate, "ListenPort = 51830",
        "Address = 10.202.0.1/24", "MTU = 1400", "", "[Peer]", "PublicKey = " + WireGuardEndpoint.publicKey(theirPrivate),
        "AllowedIPs = 10.202.0.2/32, 10.203.0.0/24", ""));
    Path log = dir.resolve("up.log");
    command = new ProcessBuilder(Processes.LAUNCHER.toString(), "wireguard", "up", "--config", config.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.readString(log).contains("wireguard up: hbwgc0") && command.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertTrue(Files.readString(log).contains("listening on UDP port 51830"), Files.readString(log));
    assertEquals("1400", Files.readString(Path.of("/sys/class/net/hbwgc0/mtu")).strip());
    assertTrue(sh("ip", "route", "show", "10.203.0.0/24").contains("dev hbwgc0"), "a route for the peer's other network");

    startWireGuardGo(theirPrivate, ourPrivate, "10.198.0.1:51830", "10.202.0.0/24", "10.202.0.2/24");
    String fromThem = inNs("busybox", "ping", "-c", "3", "-W", "3", "10.202.0.1");
    assertTrue(fromThem.contains("3 packets received"), fromThem);
    String fromUs = sh("busybox", "ping", "-c", "2", "-W", "3", "10.202.0.2");
    assertTrue(fromUs.contains("2 packets received"), fromUs);

    // The real wg reads our endpoint through its userspace-API socket, and our show prints what wg prints.
    assertShowAgreesWithWg("hbwgc0");
    Processes.Result json = Processes.hostBridge(java.util.Map.of(), null, "wireguard", "show", "--json", "hbwgc0");
    assertEquals(0, json.exitCode(), json.stderr());
    assertTrue(json.stdout().contains("\"listenPort\":51830"), json.stdout());

    command.destroy(); // SIGTERM
    assertTrue(command.waitFor(20, TimeUnit.SECONDS));
    assertEquals(143, command.exitValue(), "the usual exit status after SIGTERM\n" + Files.readString(log));
    assertTrue(Files.readString(log).contains("stopping; hbwgc0 and its routes go"), Files.readString(log));
    assertFalse(Files.exists(Path.of("/sys/class/net/hbwgc0")), "the interface is gone");
    assertFalse(sh("ip", "route", "show", "10.203.0.0/24").contains("hbwgc0"), "its route is gone");
    assertFalse(Files.exists(Path.of("/var/run/wireguard/hbwgc0.sock")), "its userspace-API socket is gone");
  }

  /**
   * {@code host-bridge wireguard show} against {@code wg show} for the same interface, line for
   * line. A keepalive between the two runs can change the handshake age or the transfer, so a
   * mismatch is tried again before it counts.
   */
  private static void assertShowAgreesWithWg(String name) throws Exception {
    String wg = "";
    String ours = "";
    for (int attempt = 0; attempt < 3; attempt++) {
      wg = sh("wg", "show", name).strip();
      Processes.Result result = Processes.hostBridge(java.util.Map.of(), null, "wireguard", "show", name);
      assertEquals(0, result.exitCode(), result.stderr());
      ours = result.stdout().strip();
      if (wg.equals(ours)) {
        return;
      }
    }
    assertEquals(wg, ours, "host-bridge wireguard show prints what wg show prints");
  }

  @Test
  void wireguardUpRefusesAHookBeforeChangingAnything() throws Exception {
    Path config = dir.resolve("hbwgc1.conf");
    Files.writeString(config, "[Interface]\nPrivateKey = " + WireGuardEndpoint.generatePrivateKey() + "\nPostUp = touch "
        + dir.resolve("ran") + "\n");
    Processes.Result result = Processes.hostBridge(java.util.Map.of(), null, "wireguard", "up", "--config", config.toString());
    assertEquals(2, result.exitCode(), result.stderr());
    assertTrue(result.stderr().contains("[wireguard.config]: hbwgc1.conf line 3: PostUp runs a command"), result.stderr());
    assertFalse(Files.exists(dir.resolve("ran")));
    assertFalse(Files.exists(Path.of("/sys/class/net/hbwgc1")));
  }

  private void namespaceWithVeth() throws Exception {
    lab.join("10.198.0.1/30", "10.198.0.2/30");
  }

  /** wireguard-go in the namespace as interface hbtung with {@code address}, our endpoint as its one peer. */
  private void startWireGuardGo(String theirPrivate, String ourPrivate, String ourEndpoint, String allowed, String address)
      throws Exception {
    lab.startWireGuardGo();
    Path key = dir.resolve("their.key");
    Files.writeString(key, theirPrivate + "\n");
    inNs("ip", "addr", "add", address, "dev", "hbtung");
    inNs("ip", "link", "set", "hbtung", "mtu", "1400", "up");
    inNs("wg", "set", "hbtung", "private-key", key.toString(), "peer", WireGuardEndpoint.publicKey(ourPrivate), "endpoint",
        ourEndpoint, "allowed-ips", allowed, "persistent-keepalive", "1");
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  private static String sh(String... argv) throws Exception {
    return WireGuardGoLab.run(argv);
  }

  private String inNs(String... argv) throws Exception {
    return lab.inNs(argv);
  }
}
