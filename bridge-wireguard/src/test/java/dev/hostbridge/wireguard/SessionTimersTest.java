package dev.hostbridge.wireguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
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
    String initiatorPrivate = WireGuardEndpoint.generatePrivateKey();
    String responderPrivate = WireGuardEndpoint.generatePrivateKey();
    initiatorKey = WireGuardEndpoint.publicKey(initiatorPrivate);
    responderKey = WireGuardEndpoint.publicKey(responderPrivate);
    responder = new WireGuardEndpoint(responderPrivate, new InetSocketAddress("127.0.0.1", 0),
        List.of(new WireGuardConfig.Peer(initiatorKey, Optional.empty(), List.of(Cidr.parse("10.0.0.1/32")), Optional.empty(), 0)),
        received -> atResponder.add(received.packet()));
    responder.clock = clock;
    initiator = new WireGuardEndpoint(initiatorPrivate, new InetSocketAddress("127.0.0.1", 0),
        List.of(new WireGuardConfig.Peer(responderKey, Optional.empty(), List.of(Cidr.parse("10.0.0.2/32")),
            Optional.of(new WireGuardConfig.Endpoint("127.0.0.1", responder.localAddress().getPort())), 0)),
        received -> atInitiator.add(received.packet()));
    initiator.clock = clock;
    assertTrue(initiator.initiate(responderKey));
    awaitTrue(() -> initiator.hasSession(responderKey), "the first handshake");
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
