package dev.hostbridge.wireguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The userspace API: its text both ways, and the socket that serves it. */
class UapiTest {

  /** What Debian's wireguard-go 0.0.20220316 answered to get=1 for an interface set up with wg(8). */
  static final String WIREGUARD_GO_ANSWER = """
      private_key=58b64eef5b9c874a7499b8de5011a280e1d367b66dd9afbdeac00e2be2fbbe59
      listen_port=51999
      public_key=4ee52db38143c2ca65e72f7c18825ee596d2c45e7e50a9a622c7c96a6128775e
      preshared_key=0000000000000000000000000000000000000000000000000000000000000000
      protocol_version=1
      endpoint=127.0.0.1:5555
      last_handshake_time_sec=0
      last_handshake_time_nsec=0
      tx_bytes=0
      rx_bytes=0
      persistent_keepalive_interval=25
      allowed_ip=10.9.0.0/24
      allowed_ip=10.8.0.1/32
      errno=0

      """;

  @TempDir Path runDir;
  WireGuardEndpoint endpoint;

  @AfterEach
  void close() throws Exception {
    if (endpoint != null) {
      endpoint.close();
    }
  }

  @Test
  void wireguardGosAnswerReadsAsWgShowsIt() {
    Uapi.Device device = Uapi.parse(WIREGUARD_GO_ANSWER);
    // wg show printed these keys for that interface
    assertEquals("B68RLeI2SVoHfuZ62b0ZQ1roWrB3IaR2x0uNwVOJWWw=", device.publicKey());
    assertEquals(51999, device.listenPort());
    WireGuardEndpoint.PeerStatus peer = device.peers().get(0);
    assertEquals("TuUts4FDwspl5y98GIJe5ZbSxF5+UKmmIsfJamEod14=", peer.publicKey());
    assertEquals(Optional.of(new InetSocketAddress("127.0.0.1", 5555)), peer.endpoint());
    assertEquals(List.of(Cidr.parse("10.9.0.0/24"), Cidr.parse("10.8.0.1/32")), peer.allowedIps());
    assertEquals(Optional.empty(), peer.latestHandshake(), "0 seconds: never");
    assertEquals(25, peer.persistentKeepalive());
    assertFalse(peer.presharedKey());
  }

  @Test
  void ourAnswerReadsBackAsTheEndpointStands() throws Exception {
    String key = WireGuardEndpoint.generatePrivateKey();
    String peerKey = WireGuardEndpoint.publicKey(WireGuardEndpoint.generatePrivateKey());
    String psk = WireGuardEndpoint.generatePrivateKey();
    endpoint = new WireGuardEndpoint(key, new InetSocketAddress("127.0.0.1", 0),
        List.of(new WireGuardConfig.Peer(peerKey, Optional.of(psk), List.of(Cidr.parse("10.1.0.0/16"), Cidr.parse("fd00::/64")),
            Optional.of(new WireGuardConfig.Endpoint("::1", 51820)), 0)),
        received -> { }, java.time.Clock.systemUTC(), new SecureRandom());
    String answer = Uapi.describe(endpoint, endpoint.privateKey(), endpoint.localAddress().getPort());
    assertTrue(answer.endsWith("\nerrno=0\n\n"), answer);
    assertTrue(answer.contains("\nendpoint=[0:0:0:0:0:0:0:1]:51820\n"), "IPv6 in brackets: " + answer);
    Uapi.Device device = Uapi.parse(answer);
    assertEquals(endpoint.publicKey(), device.publicKey());
    assertEquals(endpoint.localAddress().getPort(), device.listenPort());
    assertEquals(endpoint.peers(), device.peers());
    assertTrue(device.peers().get(0).presharedKey());
  }

  @Test
  void anAnswerThatIsAnErrorOrNotTheFormatIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Uapi.parse("errno=1\n\n"));
    assertThrows(IllegalArgumentException.class, () -> Uapi.parse("hello\n\n"));
    assertThrows(IllegalArgumentException.class, () -> Uapi.parse(WIREGUARD_GO_ANSWER.replace("=58b6", "=zz")));
    IllegalArgumentException named = assertThrows(IllegalArgumentException.class,
        () -> Uapi.parse(WIREGUARD_GO_ANSWER.replace("127.0.0.1:5555", "example.com:5555")));
    assertTrue(named.getMessage().contains("example.com"), "no name is looked up: " + named.getMessage());
  }

  private WireGuardEndpoint anEndpoint() throws Exception {
    return new WireGuardEndpoint(WireGuardEndpoint.generatePrivateKey(), new InetSocketAddress("127.0.0.1", 0),
        List.of(), received -> { });
  }

  @Test
  void theSocketIsItsOwnersAloneAndAnswersGet() throws Exception {
    endpoint = anEndpoint();
    try (UapiSocket socket = UapiSocket.listen(runDir, "wgtest0", endpoint)) {
      Path path = runDir.resolve("wgtest0.sock");
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
      assertEquals(List.of(path), Files.list(runDir).toList(), "no staging directory is left");
      Uapi.Device device = Uapi.parse(UapiSocket.get(runDir, "wgtest0").orElseThrow());
      assertEquals(endpoint.publicKey(), device.publicKey());
      assertEquals("errno=1\n\n", ask(path, "set=1\nlisten_port=1\n\n"), "changes are refused");
    }
    assertFalse(Files.exists(runDir.resolve("wgtest0.sock")));
    assertEquals(Optional.empty(), UapiSocket.get(runDir, "wgtest0"));
  }

  @Test
  void aLiveInterfaceOfTheSameNameIsNotTakenOverButAStaleSocketFileIs() throws Exception {
    endpoint = anEndpoint();
    try (UapiSocket first = UapiSocket.listen(runDir, "wgtest0", endpoint)) {
      assertThrows(FileAlreadyExistsException.class, () -> UapiSocket.listen(runDir, "wgtest0", endpoint));
    }
    // a socket file whose process died: bound, then closed without removing the file
    Path stale = runDir.resolve("wgtest1.sock");
    try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      dead.bind(UnixDomainSocketAddress.of(stale));
    }
    assertTrue(Files.exists(stale));
    try (UapiSocket replaced = UapiSocket.listen(runDir, "wgtest1", endpoint)) {
      assertTrue(UapiSocket.get(runDir, "wgtest1").isPresent());
    }
  }

  @Test
  void aClientThatSaysNothingIsCutOffAndOthersAreServedMeanwhile() throws Exception {
    endpoint = anEndpoint();
    try (UapiSocket socket = UapiSocket.listen(runDir, "wgtest0", endpoint);
         SocketChannel silent = SocketChannel.open(UnixDomainSocketAddress.of(runDir.resolve("wgtest0.sock")))) {
      assertTrue(UapiSocket.get(runDir, "wgtest0").isPresent(), "served while another client is silent");
      long start = System.nanoTime();
      assertEquals(-1, silent.read(ByteBuffer.allocate(10)), "closed on the silent client");
      assertTrue(System.nanoTime() - start < 5_000_000_000L);
    }
  }

  @Test
  void onlyInterfaceNamesBecomeSocketPaths() {
    for (String bad : List.of("", "..", "a/b", "../etc", "x".repeat(16), "wg 0")) {
      assertThrows(IllegalArgumentException.class, () -> UapiSocket.socketPath(runDir, bad), bad);
    }
    assertEquals(runDir.resolve("utun4.sock"), UapiSocket.socketPath(runDir, "utun4"));
  }

  private static String ask(Path path, String request) throws Exception {
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
      channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
      ByteBuffer answer = ByteBuffer.allocate(100);
      while (channel.read(answer) >= 0 && answer.position() < 10) {
        // until the two lines are in
      }
      return new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII);
    }
  }
}
