package dev.hostbridge.wireguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our endpoint against the real thing: wireguard-go, configured with wg(8), in a network namespace
 * joined to ours by a veth pair. wireguard-go initiates (a ping through its tunnel starts a
 * handshake); our endpoint answers it, opens the echo requests that arrive and sends the replies
 * back through the tunnel. If ping succeeds, the handshake and transport agree with wireguard-go
 * byte for byte, both ways.
 */
class WireGuardGoInteropTest {

  @TempDir Path dir;
  final String ns = "hbwg-" + ProcessHandle.current().pid();
  WireGuardGoLab lab;
  WireGuardEndpoint endpoint;
  final AtomicInteger answered = new AtomicInteger();

  static String run(String... argv) throws Exception {
    return WireGuardGoLab.run(argv);
  }

  String inNs(String... argv) throws Exception {
    return lab.inNs(argv);
  }

  @BeforeEach
  void requirements() {
    lab = new WireGuardGoLab(ns, "hbwga", "hbwgb", "hbwgt0", dir);
    String problem = WireGuardGoLab.missing();
    if (problem != null) {
      if ("true".equals(System.getenv("CI"))) {
        fail(problem + ", and CI must provide it");
      }
      Assumptions.abort(problem + "; skipped outside CI");
    }
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (endpoint != null) {
      endpoint.close();
    }
    lab.close();
  }

  @Test
  void wireguardGoHandshakesWithUsAndItsPingsAreAnswered() throws Exception {
    String theirPrivate = WireGuardEndpoint.generatePrivateKey();
    String theirPublic = run("sh", "-c", "echo '" + theirPrivate + "' | wg pubkey").strip();
    assertEquals(WireGuardEndpoint.publicKey(theirPrivate), theirPublic, "our X25519 agrees with wg pubkey");
    String ourPublic = startBoth(theirPrivate, List.of(peer(theirPublic, "10.200.0.2/32")));

    String ping = inNs("busybox", "ping", "-c", "3", "-W", "3", "10.200.0.1");
    assertTrue(ping.contains("3 packets received"), ping + "\n" + lab.log());
    assertEquals(3, answered.get());
    String handshakes = inNs("wg", "show", "hbwgt0", "latest-handshakes");
    assertTrue(handshakes.startsWith(ourPublic) && !handshakes.strip().endsWith("\t0"), handshakes);
  }

  @Test
  void aTransportMessageOfWireGuardGosSentAgainIsDropped() throws Exception {
    String theirPrivate = WireGuardEndpoint.generatePrivateKey();
    String ourPublic = startBoth(theirPrivate, List.of(peer(WireGuardEndpoint.publicKey(theirPrivate), "10.200.0.2/32")));
    // A relay between the two that keeps what wireguard-go sends, so that it can be sent again.
    try (java.net.DatagramSocket relay = new java.net.DatagramSocket(new InetSocketAddress("10.199.0.1", 0))) {
      List<byte[]> fromThem = new java.util.concurrent.CopyOnWriteArrayList<>();
      InetSocketAddress ours = endpoint.localAddress();
      Thread forward = new Thread(() -> {
        java.net.SocketAddress them = null;
        byte[] buffer = new byte[2048];
        while (!relay.isClosed()) {
          try {
            java.net.DatagramPacket packet = new java.net.DatagramPacket(buffer, buffer.length);
            relay.receive(packet);
            boolean fromUs = packet.getSocketAddress().equals(ours);
            if (!fromUs) {
              them = packet.getSocketAddress();
              fromThem.add(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
            }
            java.net.SocketAddress to = fromUs ? them : ours;
            if (to != null) {
              relay.send(new java.net.DatagramPacket(packet.getData(), packet.getLength(), to));
            }
          } catch (IOException e) {
            return;
          }
        }
      });
      forward.setDaemon(true);
      forward.start();
      inNs("wg", "set", "hbwgt0", "peer", ourPublic, "endpoint", "10.199.0.1:" + relay.getLocalPort());

      String ping = inNs("busybox", "ping", "-c", "1", "-W", "3", "10.200.0.1");
      assertTrue(ping.contains("1 packets received"), ping);
      assertEquals(1, answered.get());
      byte[] echo = fromThem.stream().filter(m -> m[0] == 4 && m.length > 32).reduce((a, b) -> b).orElseThrow();
      relay.send(new java.net.DatagramPacket(echo, echo.length, ours));
      Thread.sleep(500);
      assertEquals(1, answered.get(), "the echo request sent a second time was dropped, not answered");
    }
  }

  @Test
  void wgShowReadsOurEndpointThroughTheUserspaceApi() throws Exception {
    String theirPrivate = WireGuardEndpoint.generatePrivateKey();
    String theirPublic = WireGuardEndpoint.publicKey(theirPrivate);
    String ourPublic = startBoth(theirPrivate, List.of(new WireGuardConfig.Peer(theirPublic, Optional.empty(),
        List.of(Cidr.parse("10.200.0.2/32"), Cidr.parse("10.201.0.0/16")), Optional.empty(), 25)));
    String ping = inNs("busybox", "ping", "-c", "2", "-W", "3", "10.200.0.1");
    assertTrue(ping.contains("2 packets received"), ping);

    String name = "hbu" + ProcessHandle.current().pid() % 1_000_000;
    try (UapiSocket socket = UapiSocket.listen(UapiSocket.RUN_DIR, name, endpoint)) {
      String[] dump = run("wg", "show", name, "dump").strip().split("\n");
      // wg's dump: the interface (private key, public key, port, fwmark), then one line per peer
      assertEquals(List.of(ourPublic, String.valueOf(endpoint.localAddress().getPort()), "off"),
          List.of(dump[0].split("\t")).subList(1, 4), dump[0]);
      String[] peer = dump[1].split("\t");
      WireGuardEndpoint.PeerStatus status = endpoint.peers().get(0);
      assertEquals(theirPublic, peer[0]);
      assertEquals("(none)", peer[1], "no preshared key");
      assertEquals("10.199.0.2:" + status.endpoint().orElseThrow().getPort(), peer[2]);
      assertEquals("10.200.0.2/32,10.201.0.0/16", peer[3]);
      assertEquals(String.valueOf(status.latestHandshake().orElseThrow().getEpochSecond()), peer[4]);
      assertEquals(List.of(String.valueOf(status.receivedBytes()), String.valueOf(status.sentBytes()), "25"),
          List.of(peer).subList(5, 8));
      String theirView = inNs("wg", "show", "hbwgt0", "transfer").strip();
      assertEquals(ourPublic + "\t" + status.sentBytes() + "\t" + status.receivedBytes(), theirView,
          "wireguard-go received what we sent and sent what we received");
      String pretty = run("wg", "show", name);
      assertTrue(pretty.contains("peer: " + theirPublic) && pretty.contains("persistent keepalive: every 25 seconds"), pretty);
    }
    assertTrue(!Files.exists(UapiSocket.socketPath(UapiSocket.RUN_DIR, name)), "the socket goes with the endpoint");
  }

  @Test
  void underLoadWeSendWireGuardGoACookieAndItsRetryCarryingItIsAnswered() throws Exception {
    String theirPrivate = WireGuardEndpoint.generatePrivateKey();
    startBoth(theirPrivate, List.of(peer(WireGuardEndpoint.publicKey(theirPrivate), "10.200.0.2/32")));
    endpoint.underLoadThreshold = 0; // every handshake message counts as load
    // wireguard-go retries its initiation after 5 s, this time with a second MAC made with our cookie
    String ping = inNs("busybox", "ping", "-c", "1", "-W", "15", "10.200.0.1");
    assertTrue(ping.contains("1 packets received"), ping + "\n" + lab.log());
    assertEquals(1, endpoint.cookieRepliesSent.get(), "one cookie reply, then the retry proved its address");
  }

  @Test
  void whenWireGuardGoIsUnderLoadOurInitiatorTakesItsCookieAndGetsThrough() throws Exception {
    joinNamespace();
    String theirPrivate = WireGuardEndpoint.generatePrivateKey();
    String theirPublic = WireGuardEndpoint.publicKey(theirPrivate);
    String ourPrivate = WireGuardEndpoint.generatePrivateKey();
    endpoint = new WireGuardEndpoint(ourPrivate, new InetSocketAddress("10.199.0.1", 0), List.of(new WireGuardConfig.Peer(
        theirPublic, Optional.empty(), List.of(Cidr.parse("10.200.0.2/32")), Optional.of(new WireGuardConfig.Endpoint("10.199.0.2", 51823)), 0)),
        received -> { });
    startWireGuardGo();
    Path key = dir.resolve("their.key");
    Files.writeString(key, theirPrivate + "\n");
    inNs("wg", "set", "hbwgt0", "private-key", key.toString(), "listen-port", "51823", "peer",
        WireGuardEndpoint.publicKey(ourPrivate), "allowed-ips", "10.200.0.1/32");

    // Load: bursts of initiations with a valid first MAC (from a key wireguard-go does not know), so
    // that its handshake queue passes the mark where it starts to demand cookies.
    byte[] flood = new Handshake(Crypto.generatePrivate(), new java.security.SecureRandom())
        .initiate(WireGuardEndpoint.decodeKey(theirPublic), new byte[32], 1, Tai64n.of(java.time.Instant.now())).message();
    java.util.concurrent.atomic.AtomicLong floodCookies = new java.util.concurrent.atomic.AtomicLong();
    try (java.net.DatagramSocket loader = new java.net.DatagramSocket(new InetSocketAddress("10.199.0.1", 0))) {
      java.net.InetSocketAddress target = new InetSocketAddress("10.199.0.2", 51823);
      Thread load = new Thread(() -> {
        java.net.DatagramPacket packet = new java.net.DatagramPacket(flood, flood.length, target);
        try {
          while (!loader.isClosed()) {
            for (int i = 0; i < 400; i++) {
              loader.send(packet);
            }
            Thread.sleep(100);
          }
        } catch (IOException | InterruptedException e) {
          // the test is over
        }
      });
      Thread count = new Thread(() -> {
        byte[] buffer = new byte[100];
        try {
          while (!loader.isClosed()) {
            java.net.DatagramPacket reply = new java.net.DatagramPacket(buffer, buffer.length);
            loader.receive(reply);
            if (reply.getLength() == 64 && buffer[0] == 3) {
              floodCookies.incrementAndGet();
            }
          }
        } catch (IOException e) {
          // closed
        }
      });
      load.setDaemon(true);
      count.setDaemon(true);
      load.start();
      count.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (floodCookies.get() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(floodCookies.get() > 0, "wireguard-go is under load: it answers with cookies");

      assertTrue(endpoint.initiate(theirPublic));
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!endpoint.hasSession(theirPublic) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(endpoint.hasCookie(theirPublic), "wireguard-go's cookie reply was opened (XChaCha20-Poly1305)");
      assertTrue(endpoint.hasSession(theirPublic), "our retry, with the second MAC, was answered under load\n" + lab.log());
      long before = floodCookies.get();
      Thread.sleep(300);
      assertTrue(floodCookies.get() > before, "and the load lasted throughout");
    }
  }

  @Test
  void whenThePeersEndpointChangesOurRepliesFollowIt() throws Exception {
    String theirPrivate = WireGuardEndpoint.generatePrivateKey();
    startBoth(theirPrivate, List.of(peer(WireGuardEndpoint.publicKey(theirPrivate), "10.200.0.2/32")));
    String before = inNs("busybox", "ping", "-c", "1", "-W", "3", "10.200.0.1");
    assertTrue(before.contains("1 packets received"), before);

    // wireguard-go now sends from another port, as behind a NAT that rebinds
    inNs("wg", "set", "hbwgt0", "listen-port", "51977");
    String after = inNs("busybox", "ping", "-c", "2", "-W", "3", "10.200.0.1");
    assertTrue(after.contains("2 packets received"), after);
    assertEquals(3, answered.get());
    assertEquals(51977, endpoint.endpointOf(WireGuardEndpoint.publicKey(theirPrivate)).orElseThrow().getPort(),
        "we answer where the peer speaks from now");
  }

  @Test
  void aPeerWhoseKeyWeDoNotKnowGetsNoHandshake() throws Exception {
    String stranger = WireGuardEndpoint.generatePrivateKey();
    String known = WireGuardEndpoint.publicKey(WireGuardEndpoint.generatePrivateKey());
    startBoth(stranger, List.of(peer(known, "10.200.0.2/32")));

    Process ping = new ProcessBuilder("ip", "netns", "exec", ns, "busybox", "ping", "-c", "2", "-W", "2", "10.200.0.1")
        .redirectErrorStream(true).start();
    String out = new String(ping.getInputStream().readAllBytes());
    assertNotEquals(0, ping.waitFor(), out);
    assertEquals(0, answered.get());
    String handshakes = inNs("wg", "show", "hbwgt0", "latest-handshakes");
    assertTrue(handshakes.strip().endsWith("\t0"), "wireguard-go never completed a handshake: " + handshakes);
  }

  @Test
  void packetsFromOutsideThePeersAllowedIpsAreDropped() throws Exception {
    String theirPrivate = WireGuardEndpoint.generatePrivateKey();
    String ourPublic = startBoth(theirPrivate,
        List.of(peer(WireGuardEndpoint.publicKey(theirPrivate), "10.200.0.99/32")));

    Process ping = new ProcessBuilder("ip", "netns", "exec", ns, "busybox", "ping", "-c", "2", "-W", "2", "10.200.0.1")
        .redirectErrorStream(true).start();
    String out = new String(ping.getInputStream().readAllBytes());
    assertNotEquals(0, ping.waitFor(), out);
    assertEquals(0, answered.get(), "nothing from 10.200.0.2 reached us");
    String handshakes = inNs("wg", "show", "hbwgt0", "latest-handshakes");
    assertTrue(handshakes.startsWith(ourPublic) && !handshakes.strip().endsWith("\t0"), "the handshake itself worked: " + handshakes);
  }

  @Test
  void ourInitiatorHandshakesWithWireGuardGoRekeysAfterTwoMinutesAndItsKernelAnswersThroughTheTunnel() throws Exception {
    joinNamespace();
    String theirPrivate = WireGuardEndpoint.generatePrivateKey();
    String theirPublic = WireGuardEndpoint.publicKey(theirPrivate);
    String ourPrivate = WireGuardEndpoint.generatePrivateKey();
    List<byte[]> replies = new java.util.concurrent.CopyOnWriteArrayList<>();
    WireGuardConfig.Peer them = new WireGuardConfig.Peer(theirPublic, Optional.empty(), List.of(Cidr.parse("10.200.0.2/32")),
        Optional.of(new WireGuardConfig.Endpoint("10.199.0.2", 51822)), 0);
    endpoint = new WireGuardEndpoint(ourPrivate, new InetSocketAddress("10.199.0.1", 0), List.of(them),
        received -> replies.add(received.packet()));

    startWireGuardGo();
    Path key = dir.resolve("their.key");
    Files.writeString(key, theirPrivate + "\n");
    inNs("wg", "set", "hbwgt0", "private-key", key.toString(), "listen-port", "51822", "peer",
        WireGuardEndpoint.publicKey(ourPrivate), "allowed-ips", "10.200.0.1/32");
    inNs("ip", "addr", "add", "10.200.0.2/24", "dev", "hbwgt0");
    inNs("ip", "link", "set", "hbwgt0", "up");

    assertTrue(endpoint.initiate(theirPublic));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!endpoint.hasSession(theirPublic) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(endpoint.hasSession(theirPublic), "wireguard-go answered our initiation");
    byte[] us = {10, (byte) 200, 0, 1};
    byte[] there = {10, (byte) 200, 0, 2};
    for (int seq = 1; seq <= 3; seq++) {
      assertTrue(endpoint.send(Icmp.echoRequest(us, there, seq)));
    }
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (replies.size() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(3, replies.size(), "echo replies from wireguard-go's namespace");
    for (byte[] reply : replies) {
      assertEquals(0, reply[20], "ICMP type 0, echo reply");
      assertTrue(java.util.Arrays.equals(there, java.util.Arrays.copyOfRange(reply, 12, 16)), "from 10.200.0.2");
    }

    // key rotation: our clock jumps past 120 s, so the next packet starts a new handshake with
    // wireguard-go while still going out on the old session; then the new session carries
    SessionTimersTest.ManualClock fast = new SessionTimersTest.ManualClock();
    fast.advance(java.time.Duration.between(fast.instant(), java.time.Instant.now()).toMillis());
    endpoint.clock = fast;
    java.util.OptionalInt first = endpoint.sessionIndex(theirPublic);
    fast.advance(WireGuardEndpoint.REKEY_AFTER_TIME);
    assertTrue(endpoint.send(Icmp.echoRequest(us, there, 4)));
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (endpoint.sessionIndex(theirPublic).equals(first) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertNotEquals(first, endpoint.sessionIndex(theirPublic), "wireguard-go answered the rekeying handshake");
    assertTrue(endpoint.send(Icmp.echoRequest(us, there, 5)));
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (replies.size() < 5 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(5, replies.size(), "replies on the old session during the handshake and on the new one after");
    assertTrue(inNs("wg", "show", "hbwgt0", "transfer").matches("(?s)\\S+\\t[1-9]\\d*\\t[1-9]\\d*\\s*"),
        "wireguard-go counted traffic both ways");
  }

  private void joinNamespace() throws Exception {
    lab.join("10.199.0.1/30", "10.199.0.2/30");
  }

  private static WireGuardConfig.Peer peer(String publicKey, String allowed) {
    return new WireGuardConfig.Peer(publicKey, Optional.empty(), List.of(Cidr.parse(allowed)), Optional.empty(), 0);
  }

  @Test
  void ourReadingOfAConfigurationIsWhatWgMakesOfIt() throws Exception {
    String peerA = WireGuardEndpoint.publicKey(WireGuardEndpoint.generatePrivateKey());
    String peerB = WireGuardEndpoint.publicKey(WireGuardEndpoint.generatePrivateKey());
    String text = """
        [interface]   # names and keys in any case, host bits in networks, lists over several lines
        privatekey = %s
        LISTENPORT=51999
        Address = 10.33.0.1/24
        MTU = 1380
        [Peer]
        PublicKey = %s
        AllowedIPs = 172.17.0.9/16, 10.33.0.2/32
        allowedips = fd00::5/64
        Endpoint = 10.199.0.9:51820
        PersistentKeepalive = 25
        [PEER]
        PublicKey = %s
        AllowedIPs = 0.0.0.0/1
        """.formatted(WireGuardEndpoint.generatePrivateKey(), peerA, peerB);
    WireGuardConfig ours = WireGuardConfig.parse(text, "hbwgt0.conf");
    Path file = dir.resolve("hbwgt0.conf");
    Files.writeString(file, text);
    Path stripped = dir.resolve("stripped.conf");
    Files.writeString(stripped, run("wg-quick", "strip", file.toString()));

    run("ip", "netns", "add", ns);
    startWireGuardGo();
    inNs("wg", "setconf", "hbwgt0", stripped.toString());

    assertEquals(String.valueOf(ours.iface().listenPort().getAsInt()), inNs("wg", "show", "hbwgt0", "listen-port").strip());
    for (String line : inNs("wg", "show", "hbwgt0", "allowed-ips").strip().split("\n")) {
      String[] fields = line.split("\\s+");
      WireGuardConfig.Peer peer = ours.peers().stream().filter(p -> p.publicKey().equals(fields[0])).findFirst().orElseThrow();
      Set<Cidr> theirs = new HashSet<>();
      for (int i = 1; i < fields.length; i++) {
        theirs.add(Cidr.parse(fields[i]));
      }
      assertEquals(theirs, new HashSet<>(peer.allowedIps()), "allowed IPs of " + fields[0]);
    }
    String keepalive = inNs("wg", "show", "hbwgt0", "persistent-keepalive");
    assertTrue(keepalive.contains(peerA + "\t25") && keepalive.contains(peerB + "\toff"), keepalive);
    assertTrue(inNs("wg", "show", "hbwgt0", "endpoints").contains(peerA + "\t10.199.0.9:51820"));
  }

  private void startWireGuardGo() throws Exception {
    lab.startWireGuardGo();
  }

  /**
   * Joins a namespace to ours with a veth, starts our endpoint on our side knowing {@code ourPeers},
   * and wireguard-go in the namespace with {@code theirPrivate}, our endpoint as its peer for
   * 10.200.0.1. Our endpoint answers pings. Returns our public key.
   */
  private String startBoth(String theirPrivate, List<WireGuardConfig.Peer> ourPeers) throws Exception {
    joinNamespace();

    String ourPrivate = WireGuardEndpoint.generatePrivateKey();
    String ourPublic = WireGuardEndpoint.publicKey(ourPrivate);
    List<WireGuardEndpoint> self = new ArrayList<>();
    endpoint = new WireGuardEndpoint(ourPrivate, new InetSocketAddress("10.199.0.1", 0), ourPeers, received -> {
      byte[] reply = Icmp.echoReply(received.packet());
      if (reply != null) {
        try {
          assertTrue(self.get(0).send(reply), "the reply is routed to the peer owning 10.200.0.2");
          answered.incrementAndGet();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    });
    self.add(endpoint);
    int port = endpoint.localAddress().getPort();

    Path key = dir.resolve("their.key");
    Files.writeString(key, theirPrivate + "\n");
    startWireGuardGo();
    inNs("wg", "set", "hbwgt0", "private-key", key.toString(), "peer", ourPublic, "endpoint", "10.199.0.1:" + port,
        "allowed-ips", "10.200.0.1/32");
    inNs("ip", "addr", "add", "10.200.0.2/24", "dev", "hbwgt0");
    inNs("ip", "link", "set", "hbwgt0", "up");
    return ourPublic;
  }
}
