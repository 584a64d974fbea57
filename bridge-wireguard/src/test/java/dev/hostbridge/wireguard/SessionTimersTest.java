package dev.hostbridge.wireguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Session lifetimes (paper section 6.1) with a clock the test moves: two of our endpoints over
 * loopback, one initiating. The handshake and transport themselves are checked against
 * wireguard-go elsewhere; here it is when sessions are renewed and refused.
 */
class SessionTimersTest {

  /** A clock that only moves when told. */
  static final class ManualClock extends Clock {
    private volatile Instant now = Instant.parse("2026-11-30T00:00:00Z");

    void advance(long millis) {
      now = now.plusMillis(millis);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private final ManualClock clock = new ManualClock();
  private final List<byte[]> atResponder = new CopyOnWriteArrayList<>();
  private final List<byte[]> atInitiator = new CopyOnWriteArrayList<>();
  private WireGuardEndpoint initiator;
  private WireGuardEndpoint responder;
  private String initiatorKey;
  private String responderKey;

  @AfterEach
  void close() throws Exception {
    if (initiator != null) {
      initiator.close();
    }
    if (responder != null) {
      responder.close();
    }
  }

  private void connect() throws Exception {
    connect(clock, 0);
  }

  /** Two endpoints on {@code time}; the initiator keeps its peer alive every {@code keepalive} seconds (0: not). */
  private void connect(Clock time, int keepalive) throws Exception {
    create(time, keepalive);
    assertTrue(initiator.initiate(responderKey));
    awaitTrue(() -> initiator.hasSession(responderKey), "the first handshake");
    awaitTrue(() -> responder.hasSession(initiatorKey), "the initiator's keepalive confirms the session to the responder");
  }

  private void create(Clock time, int keepalive) throws Exception {
    String initiatorPrivate = WireGuardEndpoint.generatePrivateKey();
    String responderPrivate = WireGuardEndpoint.generatePrivateKey();
    initiatorKey = WireGuardEndpoint.publicKey(initiatorPrivate);
    responderKey = WireGuardEndpoint.publicKey(responderPrivate);
    responder = new WireGuardEndpoint(responderPrivate, new InetSocketAddress("127.0.0.1", 0),
        List.of(new WireGuardConfig.Peer(initiatorKey, Optional.empty(), List.of(Cidr.parse("10.0.0.1/32")), Optional.empty(), 0)),
        received -> atResponder.add(received.packet()), time, new SecureRandom());
    initiator = new WireGuardEndpoint(initiatorPrivate, new InetSocketAddress("127.0.0.1", 0),
        List.of(new WireGuardConfig.Peer(responderKey, Optional.empty(), List.of(Cidr.parse("10.0.0.2/32")),
            Optional.of(new WireGuardConfig.Endpoint("127.0.0.1", responder.localAddress().getPort())), keepalive)),
        received -> atInitiator.add(received.packet()), time, new SecureRandom());
  }

  @Test
  void peersCanBeChangedWhileTheEndpointRunsAndAPeerThatStaysKeepsItsSession() throws Exception {
    connect();
    OptionalInt session = responder.sessionIndex(initiatorKey);
    WireGuardConfig.Peer wider = new WireGuardConfig.Peer(initiatorKey, Optional.empty(),
        List.of(Cidr.parse("10.0.0.1/32"), Cidr.parse("10.5.0.0/16")), Optional.empty(), 7);
    responder.setPeers(List.of(wider));
    assertEquals(session, responder.sessionIndex(initiatorKey), "the session is kept");
    assertEquals(List.of(Cidr.parse("10.0.0.1/32"), Cidr.parse("10.5.0.0/16")), responder.peers().get(0).allowedIps());
    assertEquals(7, responder.peers().get(0).persistentKeepalive());
    assertTrue(initiator.send(Icmp.echoRequest(new byte[] {10, 5, 1, 1}, new byte[] {10, 0, 0, 2}, 1)));
    awaitTrue(() -> atResponder.size() == 1, "a source in the new allowed IPs is accepted");

    responder.setPeers(List.of());
    assertFalse(responder.hasSession(initiatorKey));
    assertFalse(responder.send(toInitiator(2)), "a peer that went is not sent to");
    assertTrue(initiator.send(toResponder(3)));
    Thread.sleep(300);
    assertEquals(1, atResponder.size(), "and what it sends is not taken");

    responder.setPeers(List.of(wider));
    clock.advance(WireGuardEndpoint.REKEY_TIMEOUT + WireGuardEndpoint.KEEPALIVE_TIMEOUT);
    initiator.tick(); // it sent data and heard nothing for 15 s: a new handshake
    awaitTrue(() -> responder.hasSession(initiatorKey), "the peer back again handshakes afresh");
  }

  @Test
  void aResponderUnderLoadAnswersWithACookieAndTheRetryCarryingItIsAnswered() throws Exception {
    create(clock, 0);
    responder.underLoadThreshold = 0; // every handshake message counts as load
    assertTrue(initiator.initiate(responderKey));
    awaitTrue(() -> initiator.hasCookie(responderKey), "a cookie reply instead of a response");
    assertFalse(initiator.hasSession(responderKey));
    assertEquals(1, responder.cookieRepliesSent.get());

    clock.advance(WireGuardEndpoint.REKEY_TIMEOUT);
    initiator.tick(); // the retry, with a second MAC made with the cookie
    awaitTrue(() -> initiator.hasSession(responderKey), "the retry that proves its address is answered under load");
    assertEquals(1, responder.cookieRepliesSent.get(), "and needed no second cookie");

    clock.advance(Cookies.COOKIE_LIFETIME);
    assertFalse(initiator.hasCookie(responderKey), "a cookie is good for two minutes");
  }

  /** Messages of 32 bytes carry nothing: a transport header (16) and the tag (16). */
  static final int KEEPALIVE_BYTES = 32;

  /** A transport message: header, the packet padded to 16 bytes, tag. */
  static int transportBytes(int packet) {
    return 16 + ((packet + 15) & ~15) + 16;
  }

  private long received(WireGuardEndpoint endpoint) {
    return endpoint.peers().get(0).receivedBytes();
  }

  @Test
  void eachSideCountsWhatItSentAsTheOtherCountsWhatItReceived() throws Exception {
    connect();
    assertTrue(initiator.send(toResponder(1)));
    awaitTrue(() -> atResponder.size() == 1, "delivered");
    assertTrue(responder.send(toInitiator(2)));
    awaitTrue(() -> atInitiator.size() == 1, "and back");
    WireGuardEndpoint.PeerStatus atI = initiator.peers().get(0);
    WireGuardEndpoint.PeerStatus atR = responder.peers().get(0);
    // the initiation, the keepalive that confirms the session, the echo request
    assertEquals(148 + KEEPALIVE_BYTES + transportBytes(toResponder(1).length), atI.sentBytes());
    assertEquals(atI.sentBytes(), atR.receivedBytes());
    assertEquals(92 + transportBytes(toInitiator(2).length), atR.sentBytes(), "the response, then the echo request");
    assertEquals(atR.sentBytes(), atI.receivedBytes());
    assertEquals(Optional.of(clock.instant()), atI.latestHandshake());
    assertEquals(Optional.of(clock.instant()), atR.latestHandshake());
    assertEquals(responderKey, atI.publicKey());
    assertEquals(Optional.of(responder.localAddress()), atI.endpoint());
    assertEquals(List.of(Cidr.parse("10.0.0.2/32")), atI.allowedIps());
    assertEquals(initiatorKey, initiator.publicKey());
  }

  @Test
  void aPeerThatSentDataAndHeardNothingBackFor10SecondsGetsAKeepalive() throws Exception {
    connect();
    assertTrue(initiator.send(toResponder(1)));
    awaitTrue(() -> atResponder.size() == 1, "delivered");
    long before = received(initiator);
    clock.advance(WireGuardEndpoint.KEEPALIVE_TIMEOUT - 1);
    responder.tick();
    Thread.sleep(200);
    assertEquals(before, received(initiator), "not yet");
    clock.advance(1);
    responder.tick();
    awaitTrue(() -> received(initiator) == before + KEEPALIVE_BYTES, "a keepalive after 10 s");
    clock.advance(WireGuardEndpoint.KEEPALIVE_TIMEOUT);
    responder.tick();
    Thread.sleep(200);
    assertEquals(before + KEEPALIVE_BYTES, received(initiator), "one keepalive per packet received, not one every 10 s");
    assertEquals(0, atInitiator.size(), "a keepalive is not handed on as a packet");
  }

  @Test
  void persistentKeepaliveGoesWhenNothingElseWentForTheInterval() throws Exception {
    connect(clock, 25);
    long before = received(responder);
    clock.advance(24_999);
    initiator.tick();
    Thread.sleep(200);
    assertEquals(before, received(responder), "not before 25 s");
    clock.advance(1);
    initiator.tick();
    awaitTrue(() -> received(responder) == before + KEEPALIVE_BYTES, "after 25 s of silence");
    assertEquals(25, initiator.peers().get(0).persistentKeepalive());
  }

  @Test
  void theTimerThreadSendsKeepalivesByItself() throws Exception {
    connect(Clock.systemUTC(), 1);
    long before = received(responder);
    awaitTrue(() -> received(responder) >= before + 2 * KEEPALIVE_BYTES, "keepalives every second without a call");
  }

  @Test
  void theResponderDoesNotSendOnASessionUntilTheInitiatorHasUsedIt() throws Exception {
    String responderPrivate = WireGuardEndpoint.generatePrivateKey();
    byte[] initiatorPrivate = Crypto.generatePrivate();
    String initiatorPublic = java.util.Base64.getEncoder().encodeToString(Crypto.publicKey(initiatorPrivate));
    responder = new WireGuardEndpoint(responderPrivate, new InetSocketAddress("127.0.0.1", 0),
        List.of(new WireGuardConfig.Peer(initiatorPublic, Optional.empty(), List.of(Cidr.parse("10.0.0.1/32")), Optional.empty(), 0)),
        received -> atResponder.add(received.packet()), clock, new SecureRandom());
    // A bare initiator that, unlike ours, sends nothing after the response.
    Handshake bare = new Handshake(initiatorPrivate, new SecureRandom());
    Handshake.Initiation initiation = bare.initiate(WireGuardEndpoint.decodeKey(WireGuardEndpoint.publicKey(responderPrivate)),
        new byte[32], 7, Tai64n.of(clock.instant()));
    try (java.net.DatagramSocket socket = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
      socket.setSoTimeout(5000);
      socket.send(new java.net.DatagramPacket(initiation.message(), initiation.message().length, responder.localAddress()));
      java.net.DatagramPacket response = new java.net.DatagramPacket(new byte[200], 200);
      socket.receive(response);
      Session session = bare.complete(initiation.pending(), response.getData(), response.getLength()).orElseThrow();

      assertFalse(responder.hasSession(initiatorPublic), "answered, not yet confirmed");
      assertFalse(responder.send(toInitiator(1)), "nothing goes on an unconfirmed session");
      responder.tick();
      socket.setSoTimeout(300);
      assertThrows(java.net.SocketTimeoutException.class, () -> socket.receive(new java.net.DatagramPacket(new byte[200], 200)),
          "and the responder does not start a handshake of its own meanwhile");

      byte[] data = session.seal(toResponder(2));
      socket.send(new java.net.DatagramPacket(data, data.length, responder.localAddress()));
      awaitTrue(() -> atResponder.size() == 1, "the initiator's first packet");
      assertTrue(responder.hasSession(initiatorPublic), "confirmed by it");
      assertTrue(responder.send(toInitiator(3)));
      socket.setSoTimeout(5000);
      java.net.DatagramPacket reply = new java.net.DatagramPacket(new byte[200], 200);
      socket.receive(reply);
      assertEquals(3, session.open(reply.getData(), reply.getLength()).orElseThrow()[27]);
    }
  }

  @Test
  void afterTwoMinutesTheInitiatorRenewsWhileTheOldSessionStillCarries() throws Exception {
    connect();
    OptionalInt first = initiator.sessionIndex(responderKey);
    assertTrue(initiator.send(toResponder(1)));
    awaitTrue(() -> atResponder.size() == 1, "a packet on the first session");

    clock.advance(WireGuardEndpoint.REKEY_AFTER_TIME - 1);
    assertTrue(initiator.send(toResponder(2)));
    awaitTrue(() -> atResponder.size() == 2, "still the first session");
    assertEquals(first, initiator.sessionIndex(responderKey), "not yet renewed");

    clock.advance(1);
    assertTrue(initiator.send(toResponder(3)), "sent on the old session while the new handshake runs");
    awaitTrue(() -> !initiator.sessionIndex(responderKey).equals(first), "a new session after 120 s");
    awaitTrue(() -> atResponder.size() == 3, "the packet sent during the handshake arrived");
    assertTrue(initiator.send(toResponder(4)));
    awaitTrue(() -> atResponder.size() == 4, "and the new session carries");
    assertTrue(responder.send(toInitiator(5)), "the responder sends on the new session too");
    awaitTrue(() -> atInitiator.size() == 1, "back to the initiator");
  }

  @Test
  void afterThreeMinutesASessionIsNeitherUsedNorAcceptedAndTheSideThatKnowsTheWayRenewsIt() throws Exception {
    connect();
    assertTrue(initiator.send(toResponder(1)));
    awaitTrue(() -> atResponder.size() == 1, "the responder heard from the initiator, so knows its endpoint");
    OptionalInt first = responder.sessionIndex(initiatorKey);

    clock.advance(WireGuardEndpoint.REJECT_AFTER_TIME);
    assertFalse(responder.hasSession(initiatorKey));
    assertFalse(responder.send(toInitiator(2)), "an expired session is not used");
    // the responder knows where the initiator is (roaming), so it starts the handshake itself
    awaitTrue(() -> responder.hasSession(initiatorKey) && !responder.sessionIndex(initiatorKey).equals(first),
        "a new session started by the former responder");
    assertTrue(responder.send(toInitiator(3)));
    awaitTrue(() -> atInitiator.size() == 1, "the new session carries");
    assertEquals(3, atInitiator.get(0)[27], "the packet sent after the renewal, not the refused one");
  }

  @Test
  void handshakeWhereDueLeavesLiveSessionsAloneAndRenewsExpiredOnes() throws Exception {
    connect();
    OptionalInt first = initiator.sessionIndex(responderKey);
    initiator.handshakeWhereDue();
    Thread.sleep(300);
    assertEquals(first, initiator.sessionIndex(responderKey), "a live session is left alone");

    clock.advance(WireGuardEndpoint.REJECT_AFTER_TIME);
    initiator.handshakeWhereDue();
    awaitTrue(() -> initiator.hasSession(responderKey), "an expired session is renewed without a packet to send");
    assertNotEquals(first, initiator.sessionIndex(responderKey));
  }

  @Test
  void aMessageOnAnExpiredSessionIsDropped() throws Exception {
    connect();
    assertTrue(initiator.send(toResponder(1)));
    awaitTrue(() -> atResponder.size() == 1, "delivered while fresh");
    // only the responder's clock moves: the initiator still thinks the session is fresh
    ManualClock later = new ManualClock();
    later.advance(WireGuardEndpoint.REJECT_AFTER_TIME);
    responder.clock = later;
    assertTrue(initiator.send(toResponder(2)));
    Thread.sleep(300);
    assertEquals(1, atResponder.size(), "the responder refuses a message on a session older than 180 s");
    assertNotEquals(OptionalInt.empty(), responder.sessionIndex(initiatorKey));
  }

  private static byte[] toResponder(int sequence) {
    return Icmp.echoRequest(new byte[] {10, 0, 0, 1}, new byte[] {10, 0, 0, 2}, sequence);
  }

  private static byte[] toInitiator(int sequence) {
    return Icmp.echoRequest(new byte[] {10, 0, 0, 2}, new byte[] {10, 0, 0, 1}, sequence);
  }

  private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(condition.getAsBoolean(), what);
  }
}
