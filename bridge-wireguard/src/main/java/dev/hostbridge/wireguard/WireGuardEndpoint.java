package dev.hostbridge.wireguard;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A WireGuard endpoint on a UDP socket, in both roles: it answers peers' initiations and starts
 * handshakes with peers whose endpoint it knows, renewing sessions as the protocol's timers ask.
 * What a peer sends arrives at {@code inbound} when its source lies in the peer's allowed IPs;
 * {@link #send} seals a packet for a peer and sends it to where that peer last spoke from (the
 * protocol's roaming). A timer thread, once a second, keeps sessions with reachable peers up and
 * sends the keepalives the protocol asks for (passive after 10 s of receiving without answering,
 * persistent at each peer's interval). {@link #peers()} tells what {@code wg show} tells.
 *
 * <p>Under load (more than 128 handshake messages within a second, and for a second after), a
 * handshake message is only worked on when its second MAC proves its sender owns its address;
 * otherwise the sender gets a cookie reply ({@link Cookies}). Cookie replies from peers under load
 * are kept for two minutes and used on our own handshake messages.
 *
 * <p>A session the responder makes is not used for sending until the initiator's first message
 * on it arrives (key confirmation, paper 5.4.7); the initiator sends an empty keepalive as soon as
 * it has the response, so that this does not wait for traffic.
 */
public final class WireGuardEndpoint implements AutoCloseable {

  /** A packet that arrived from a peer (its public key), decrypted, without the padding's zeros removed. */
  public record Received(String peer, byte[] packet) {}

  private static final int MAX_MESSAGE = 65536;
  /** Each sending thread seals into a buffer of its own, made once: no arrays per packet. */
  private static final ThreadLocal<byte[]> OUTGOING =
      ThreadLocal.withInitial(() -> new byte[Session.HEADER + MAX_MESSAGE + Crypto.TAG]);

  private final Handshake handshake;
  private final byte[] privateKey;
  /** Replaced whole by {@link #setPeers}, never changed in place, so readers need no lock. */
  private volatile Map<String, PeerState> peers = Map.of();
  private final Map<Integer, PeerState> byIndex = new ConcurrentHashMap<>();
  private final AllowedIps allowedIps = new AllowedIps();
  private final DatagramChannel channel;
  private final Thread reader;
  private final java.util.Random random;
  private final java.util.concurrent.ScheduledExecutorService timers;
  /** The clock for initiation stamps, session ages and keepalives; tests may set another. */
  volatile java.time.Clock clock;

  /** The protocol's timers (paper section 6.1), in milliseconds. */
  static final long REKEY_AFTER_TIME = 120_000;
  static final long REJECT_AFTER_TIME = 180_000;
  static final long REKEY_TIMEOUT = 5_000;
  static final long KEEPALIVE_TIMEOUT = 10_000;
  private static final byte[] KEEPALIVE = new byte[0];
  /** Handshake messages within a second beyond which the endpoint is under load; tests lower it. */
  volatile int underLoadThreshold = 128;
  private final Cookies cookies;
  private long loadWindowStart;
  private int loadCount;
  private volatile long underLoadUntil = Long.MIN_VALUE;
  /** Cookie replies sent, for tests. */
  final java.util.concurrent.atomic.AtomicLong cookieRepliesSent = new java.util.concurrent.atomic.AtomicLong();
  private volatile boolean closed;

  /** A session with when it was made and by whom; replaced whole, so its parts are read together. */
  private record Keys(Session session, long created, boolean weInitiated) {
    boolean expired(long now) {
      return now - created >= REJECT_AFTER_TIME;
    }
  }

  private static final class PeerState {
    final String name;
    final byte[] publicKey;
    final byte[] presharedKey;
    volatile List<Cidr> allowedIps;
    /** PersistentKeepalive in milliseconds; 0 for none. */
    volatile long persistentKeepalive;
    volatile Keys current;
    volatile Keys previous;
    /** A session we answered and the initiator has not yet used: not for sending until it does. */
    volatile Keys next;
    volatile long pendingSent;
    volatile SocketAddress endpoint;
    volatile byte[] lastTimestamp = new byte[12];
    volatile Handshake.Pending pending;
    /** The first MAC of our last handshake message to the peer: a cookie reply is bound to it. */
    volatile byte[] lastMac1;
    /** The peer's cookie and when it came; used for two minutes. */
    volatile byte[] cookie;
    volatile long cookieAt;
    /** Clock millis of the last authenticated message each way, of the last data each way, and of the last handshake made; -1 for never. */
    volatile long lastSent = -1;
    volatile long lastReceived = -1;
    volatile long lastDataSent = -1;
    volatile long lastDataReceived = -1;
    volatile long lastHandshake = -1;
    /** Data came and nothing has gone back since: a keepalive is owed if nothing goes for 10 s. */
    volatile boolean keepaliveOwed;
    /** Data went and nothing has come back since: after 15 s the peer may have lost its session. */
    volatile boolean answerAwaited;
    final java.util.concurrent.atomic.AtomicLong sentBytes = new java.util.concurrent.atomic.AtomicLong();
    final java.util.concurrent.atomic.AtomicLong receivedBytes = new java.util.concurrent.atomic.AtomicLong();

    PeerState(WireGuardConfig.Peer peer, byte[] presharedKey) {
      this.name = peer.publicKey();
      this.publicKey = decodeKey(peer.publicKey());
      this.presharedKey = presharedKey;
      configure(peer);
    }

    /** What may change of a peer without losing its sessions: its networks, endpoint and keepalive. */
    void configure(WireGuardConfig.Peer peer) {
      this.allowedIps = List.copyOf(peer.allowedIps());
      this.persistentKeepalive = peer.persistentKeepalive() * 1000L;
      peer.endpoint().ifPresent(e -> this.endpoint = new InetSocketAddress(e.host(), e.port()));
    }
  }

  /**
   * A peer as {@code wg show} reports it: where it was last heard from, when the last handshake
   * with it completed, the bytes of every message sent to and received from it (handshakes
   * included), and its persistent keepalive interval in seconds (0: off).
   */
  public record PeerStatus(String publicKey, Optional<InetSocketAddress> endpoint, List<Cidr> allowedIps,
      Optional<java.time.Instant> latestHandshake, long receivedBytes, long sentBytes, int persistentKeepalive,
      boolean presharedKey) {}

  /**
   * Listens on {@code bind} (port 0: the kernel chooses) for these peers, with our base64 private
   * key. A peer's packets are delivered only when their source lies in its allowed IPs.
   */
  public WireGuardEndpoint(String privateKey, InetSocketAddress bind, List<WireGuardConfig.Peer> configured,
      Consumer<Received> inbound) throws IOException {
    this(privateKey, bind, configured, inbound, java.time.Clock.systemUTC(), new SecureRandom());
  }

  /**
   * As the other constructor, with the clock that stamps initiations and times sessions and
   * keepalives, and the randomness that session indices and ephemeral keys are drawn from (give a
   * {@link SecureRandom} outside tests).
   */
  public WireGuardEndpoint(String privateKey, InetSocketAddress bind, List<WireGuardConfig.Peer> configured,
      Consumer<Received> inbound, java.time.Clock clock, java.util.Random random) throws IOException {
    this.clock = clock;
    this.random = random;
    this.privateKey = decodeKey(privateKey);
    this.handshake = new Handshake(this.privateKey, random);
    this.cookies = new Cookies(handshake.publicKey(), random);
    setPeers(configured);
    this.channel = DatagramChannel.open();
    try {
      channel.bind(bind);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    this.reader = new Thread(() -> read(inbound), "host-bridge-wireguard");
    reader.setDaemon(true);
    reader.start();
    this.timers = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "host-bridge-wireguard-timers");
      thread.setDaemon(true);
      return thread;
    });
    timers.scheduleWithFixedDelay(this::tickQuietly, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
  }

  /**
   * Makes {@code configured} the peers, while the endpoint runs. A peer that stays (same public
   * and preshared key) keeps its sessions and counters and takes its new allowed IPs, endpoint
   * (when given) and keepalive; a peer that goes loses its sessions; a new one starts afresh.
   */
  public synchronized void setPeers(List<WireGuardConfig.Peer> configured) {
    Map<String, PeerState> next = new java.util.LinkedHashMap<>();
    Map<String, PeerState> before = peers;
    for (WireGuardConfig.Peer peer : configured) {
      byte[] psk = peer.presharedKey().map(WireGuardEndpoint::decodeKey).orElse(new byte[Crypto.KEY]);
      PeerState kept = before.get(peer.publicKey());
      PeerState state;
      if (kept != null && Arrays.equals(kept.presharedKey, psk)) {
        kept.configure(peer);
        state = kept;
      } else {
        state = new PeerState(peer, psk);
      }
      if (next.putIfAbsent(peer.publicKey(), state) != null) {
        throw new IllegalArgumentException("peer " + peer.publicKey() + " is given twice; give each peer once");
      }
    }
    for (PeerState gone : before.values()) {
      if (next.get(gone.name) != gone) {
        byIndex.values().removeIf(state -> state == gone);
      }
    }
    for (String name : before.keySet()) {
      allowedIps.removePeer(name);
    }
    peers = next;
    for (PeerState state : next.values()) {
      state.allowedIps.forEach(network -> allowedIps.put(network, state.name));
    }
  }

  public static String generatePrivateKey() {
    return Base64.getEncoder().encodeToString(Crypto.generatePrivate());
  }

  public static String publicKey(String privateKey) {
    return Base64.getEncoder().encodeToString(Crypto.publicKey(decodeKey(privateKey)));
  }

  public InetSocketAddress localAddress() throws IOException {
    return (InetSocketAddress) channel.getLocalAddress();
  }

  /** Seals {@code packet} for the peer and sends it; false when there is no session with it yet. */
  public boolean send(String peer, byte[] packet) throws IOException {
    PeerState state = peers.get(peer);
    return state != null && sendTo(state, packet, packet.length);
  }

  /**
   * Seals and sends through the current session. A session is used for 180 s at most; after
   * 120 s the side that initiated it starts a new handshake while still sending on it, and once it
   * has expired either side with an endpoint for the peer starts one (at most every 5 s).
   */
  private boolean sendTo(PeerState state, byte[] packet, int length) throws IOException {
    Keys keys = state.current;
    long now = clock.millis();
    if (keys == null || keys.expired(now)) {
      if (!awaitingConfirmation(state, now)) {
        handshakeIfDue(state, now);
      }
      return false;
    }
    if (keys.weInitiated() && now - keys.created() >= REKEY_AFTER_TIME) {
      handshakeIfDue(state, now);
    }
    SocketAddress to = state.endpoint;
    if (to == null) {
      return false;
    }
    byte[] out = OUTGOING.get();
    int sealed = keys.session().sealInto(packet, length, out);
    transmit(state, out, sealed, to);
    if (length > 0) {
      state.lastDataSent = state.lastSent;
      state.answerAwaited = true;
    }
    return true;
  }

  /** Sends one message to a peer and counts it. */
  private void transmit(PeerState state, byte[] message, SocketAddress to) throws IOException {
    transmit(state, message, message.length, to);
  }

  private void transmit(PeerState state, byte[] message, int length, SocketAddress to) throws IOException {
    channel.send(ByteBuffer.wrap(message, 0, length), to);
    state.sentBytes.addAndGet(length);
    state.lastSent = clock.millis();
    state.keepaliveOwed = false;
  }

  /**
   * The protocol's timers for every peer (paper 6.2 to 6.5), at the clock's time: a handshake
   * where one is due (no live session with a reachable peer, or data sent 15 s ago and nothing
   * heard since), a keepalive where the peer sent data and heard nothing back for 10 s, and one
   * where nothing went either way for the peer's persistent keepalive interval. The timer thread
   * calls it every second; tests that move the clock call it themselves.
   */
  void tick() throws IOException {
    long now = clock.millis();
    for (PeerState state : peers.values()) {
      Keys keys = state.current;
      boolean live = keys != null && !keys.expired(now);
      if (!live) {
        if (!awaitingConfirmation(state, now)) {
          handshakeIfDue(state, now);
        }
        continue;
      }
      long lastSent = state.lastSent;
      long lastReceived = state.lastReceived;
      if (state.answerAwaited && now - state.lastDataSent >= KEEPALIVE_TIMEOUT + REKEY_TIMEOUT) {
        handshakeIfDue(state, now); // the peer stopped answering: maybe it lost its session
      }
      boolean owed = state.keepaliveOwed && now - state.lastDataReceived >= KEEPALIVE_TIMEOUT;
      boolean persistent = state.persistentKeepalive > 0 && now - Math.max(lastSent, lastReceived) >= state.persistentKeepalive;
      if (owed || persistent) {
        sendTo(state, KEEPALIVE, 0);
      }
    }
  }

  /** We answered a handshake moments ago and wait for the initiator to use it: no handshake of our own now. */
  private static boolean awaitingConfirmation(PeerState state, long now) {
    Keys next = state.next;
    return next != null && now - next.created() < REKEY_TIMEOUT;
  }

  private void tickQuietly() {
    try {
      tick();
    } catch (IOException | RuntimeException e) {
      // a send failed (no route to a peer just now): the next tick tries again
    }
  }

  /** The peers as {@code wg show} reports them, in the order they were configured. */
  public List<PeerStatus> peers() {
    List<PeerStatus> out = new java.util.ArrayList<>();
    for (PeerState state : peers.values()) {
      long handshakeAt = state.lastHandshake;
      out.add(new PeerStatus(state.name, Optional.ofNullable((InetSocketAddress) state.endpoint), state.allowedIps,
          handshakeAt < 0 ? Optional.empty() : Optional.of(java.time.Instant.ofEpochMilli(handshakeAt)),
          state.receivedBytes.get(), state.sentBytes.get(), (int) (state.persistentKeepalive / 1000),
          !Arrays.equals(state.presharedKey, new byte[Crypto.KEY])));
    }
    return out;
  }

  /** The peer's preshared key (32 zero bytes for none), for the userspace API's answer. */
  byte[] presharedKeyOf(String peer) {
    return peers.get(peer).presharedKey.clone();
  }

  /** Our private key, for the userspace API's answer (its socket is root's alone). */
  byte[] privateKey() {
    return privateKey.clone();
  }

  /** Our public key, base64. */
  public String publicKey() {
    return Base64.getEncoder().encodeToString(Crypto.publicKey(privateKey));
  }

  /**
   * Starts a handshake with each peer that has a known endpoint and no live session, unless one
   * was started in the last 5 s. A caller that wants sessions ready before the first packet calls
   * this now and then; sending does the same for its peer.
   */
  public void handshakeWhereDue() throws IOException {
    long now = clock.millis();
    for (PeerState state : peers.values()) {
      Keys keys = state.current;
      if ((keys == null || keys.expired(now)) && !awaitingConfirmation(state, now)) {
        handshakeIfDue(state, now);
      }
    }
  }

  private void handshakeIfDue(PeerState state, long now) throws IOException {
    if (state.endpoint != null && (state.pending == null || now - state.pendingSent >= REKEY_TIMEOUT)) {
      initiate(state);
    }
  }

  /**
   * Starts a handshake with {@code peer} at its configured (or last known) endpoint; the session
   * exists once its response arrives ({@link #hasSession}). False when the peer has no endpoint.
   */
  public boolean initiate(String peer) throws IOException {
    PeerState state = peers.get(peer);
    if (state == null) {
      throw new IllegalArgumentException("no peer " + peer + " is configured");
    }
    return initiate(state);
  }

  private boolean initiate(PeerState state) throws IOException {
    SocketAddress to = state.endpoint;
    if (to == null) {
      return false;
    }
    Handshake.Initiation initiation;
    try {
      initiation = handshake.initiate(state.publicKey, state.presharedKey, freeIndex(), Tai64n.of(clock.instant()));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalArgumentException("peer " + state.name + " has a public key of small order; it cannot be used", e);
    }
    Handshake.Pending previous = state.pending;
    if (previous != null) {
      byIndex.remove(previous.localIndex());
    }
    state.pending = initiation.pending();
    state.pendingSent = clock.millis();
    byIndex.put(initiation.pending().localIndex(), state);
    stampMacs(state, initiation.message());
    transmit(state, initiation.message(), to);
    return true;
  }

  /** Remembers the message's first MAC for a cookie reply, and adds the second when the peer gave us a cookie lately. */
  private void stampMacs(PeerState state, byte[] message) {
    int at = Cookies.mac1Offset(message.length);
    state.lastMac1 = Arrays.copyOfRange(message, at, at + 16);
    byte[] cookie = state.cookie;
    Cookies.putMac2(message, cookie != null && clock.millis() - state.cookieAt < Cookies.COOKIE_LIFETIME ? cookie : null);
  }

  /** Whether we are peers' peer under load: counts this handshake message, and says whether it must prove its address. */
  private synchronized boolean underLoad() {
    long now = clock.millis();
    if (now - loadWindowStart >= 1000) {
      loadWindowStart = now;
      loadCount = 0;
    }
    if (++loadCount > underLoadThreshold) {
      underLoadUntil = now + 1000;
    }
    return now < underLoadUntil;
  }

  /**
   * Under load, a handshake message is worked on only with a valid second MAC; one with a valid
   * first MAC and no valid second gets a cookie reply. True when the message may be worked on.
   */
  private boolean admitted(byte[] message, SocketAddress from) {
    if (!underLoad()) {
      return true;
    }
    if (!handshake.mac1Valid(message, message.length) || !(from instanceof InetSocketAddress sender)) {
      return false;
    }
    long now = clock.millis();
    if (cookies.mac2Valid(message, message.length, sender, now)) {
      return true;
    }
    try {
      channel.send(ByteBuffer.wrap(cookies.reply(message, message.length, sender, now)), from);
      cookieRepliesSent.incrementAndGet();
    } catch (IOException e) {
      // the sender tries again
    }
    return false;
  }

  /** A peer under load sent us a cookie for the handshake message we last sent it. */
  private void cookieReply(byte[] message) {
    int receiver = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
    PeerState state = byIndex.get(receiver);
    if (state == null) {
      return;
    }
    Optional<byte[]> cookie = Cookies.open(message, message.length, state.publicKey, state.lastMac1);
    if (cookie.isPresent()) {
      state.cookie = cookie.get();
      state.cookieAt = clock.millis();
    }
  }

  /** When an authenticated message from {@code peer} last arrived (a keepalive counts); empty when none has. */
  public Optional<java.time.Instant> lastReceived(String peer) {
    PeerState state = peers.get(peer);
    return state == null || state.lastReceived < 0 ? Optional.empty() : Optional.of(java.time.Instant.ofEpochMilli(state.lastReceived));
  }

  /** Whether {@code peer} gave us a cookie that is still good (tests). */
  boolean hasCookie(String peer) {
    PeerState state = peers.get(peer);
    return state != null && state.cookie != null && clock.millis() - state.cookieAt < Cookies.COOKIE_LIFETIME;
  }

  /** Where {@code peer} was last heard from (or its configured endpoint); empty when unknown. */
  public Optional<InetSocketAddress> endpointOf(String peer) {
    PeerState state = peers.get(peer);
    return state == null ? Optional.empty() : Optional.ofNullable((InetSocketAddress) state.endpoint);
  }

  /** Whether there is a session with {@code peer} to send through, not yet expired. */
  public boolean hasSession(String peer) {
    PeerState state = peers.get(peer);
    Keys keys = state == null ? null : state.current;
    return keys != null && !keys.expired(clock.millis());
  }

  /** The index we gave the current session with {@code peer} (for tests: a new handshake changes it). */
  OptionalInt sessionIndex(String peer) {
    PeerState state = peers.get(peer);
    Keys keys = state == null ? null : state.current;
    return keys == null ? OptionalInt.empty() : OptionalInt.of(keys.session().localIndex);
  }

  /**
   * Makes {@code session} the current one. The one it replaces still opens what the peer sent
   * before it switched; the one before that is forgotten.
   */
  private void install(PeerState state, Session session, boolean weInitiated) {
    forget(state.previous);
    forget(state.next);
    state.next = null;
    state.previous = state.current;
    state.current = new Keys(session, clock.millis(), weInitiated);
    state.lastHandshake = clock.instant().toEpochMilli();
    byIndex.put(session.localIndex, state);
  }

  /** A session we answered: kept aside until the initiator's first message on it confirms it. */
  private void installNext(PeerState state, Session session) {
    forget(state.next);
    state.next = new Keys(session, clock.millis(), false);
    state.lastHandshake = clock.instant().toEpochMilli();
    byIndex.put(session.localIndex, state);
  }

  /** The initiator used the session we answered: it becomes the current one. */
  private void confirm(PeerState state, Keys confirmed) {
    if (state.next != confirmed) {
      return;
    }
    forget(state.previous);
    state.previous = state.current;
    state.current = confirmed;
    state.next = null;
  }

  private void forget(Keys keys) {
    if (keys != null) {
      byIndex.remove(keys.session().localIndex);
    }
  }

  private int freeIndex() {
    int index = random.nextInt();
    while (byIndex.containsKey(index)) {
      index = random.nextInt();
    }
    return index;
  }

  /**
   * Sends an IP packet to the peer whose allowed IPs hold its destination (longest prefix); false
   * when no peer owns it or there is no session with that peer yet.
   */
  public boolean send(byte[] packet) throws IOException {
    return send(packet, packet.length);
  }

  /** As {@link #send(byte[])} for the first {@code length} bytes of {@code packet}. */
  public boolean send(byte[] packet, int length) throws IOException {
    Optional<String> peer = allowedIps.peerForDestination(packet, length);
    return peer.isPresent() && sendTo(peers.get(peer.get()), packet, length);
  }

  private void read(Consumer<Received> inbound) {
    ByteBuffer buffer = ByteBuffer.allocate(MAX_MESSAGE);
    while (!closed) {
      SocketAddress from;
      try {
        buffer.clear();
        from = channel.receive(buffer);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        continue;
      }
      if (buffer.position() < 4) {
        continue;
      }
      byte type = buffer.get(0);
      if (type == Session.TYPE_TRANSPORT) {
        // The data path opens the message where it arrived; the rarer handshake messages get an array of their own.
        transport(buffer.array(), buffer.position(), from, inbound);
        continue;
      }
      byte[] message = Arrays.copyOf(buffer.array(), buffer.position());
      switch (type) {
        case Handshake.TYPE_INITIATION -> {
          if (admitted(message, from)) {
            initiation(message, from);
          }
        }
        case Handshake.TYPE_RESPONSE -> {
          try {
            if (admitted(message, from)) {
              response(message, from);
            }
          } catch (IOException e) {
            // the keepalive that confirms the session could not go; the first data will
          }
        }
        case Cookies.TYPE_COOKIE_REPLY -> cookieReply(message);
        default -> {
          // not a WireGuard message
        }
      }
    }
  }

  private void initiation(byte[] message, SocketAddress from) {
    int localIndex = freeIndex();
    Optional<Handshake.Accepted> accepted = handshake.respond(message, message.length, localIndex, publicKey -> {
      PeerState state = peers.get(Base64.getEncoder().encodeToString(publicKey));
      return Optional.ofNullable(state).map(s -> s.presharedKey);
    });
    if (accepted.isEmpty()) {
      return;
    }
    PeerState state = peers.get(Base64.getEncoder().encodeToString(accepted.get().peerPublic()));
    // A replayed initiation carries a timestamp that is not newer than the last one accepted.
    if (Arrays.compareUnsigned(accepted.get().timestamp(), state.lastTimestamp) <= 0) {
      return;
    }
    state.lastTimestamp = accepted.get().timestamp();
    installNext(state, accepted.get().session());
    received(state, message.length);
    state.endpoint = from;
    try {
      stampMacs(state, accepted.get().response());
      transmit(state, accepted.get().response(), from);
    } catch (IOException e) {
      // the peer retries its initiation after a few seconds
    }
  }

  private void received(PeerState state, int bytes) {
    state.receivedBytes.addAndGet(bytes);
    state.lastReceived = clock.millis();
    state.answerAwaited = false;
  }

  private void response(byte[] message, SocketAddress from) throws IOException {
    int receiver = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN).getInt(8);
    PeerState state = byIndex.get(receiver);
    Handshake.Pending pending = state == null ? null : state.pending;
    if (pending == null || pending.localIndex() != receiver) {
      return;
    }
    Optional<Session> session = handshake.complete(pending, message, message.length);
    if (session.isEmpty()) {
      return;
    }
    state.pending = null;
    install(state, session.get(), true);
    received(state, message.length);
    state.endpoint = from;
    sendTo(state, KEEPALIVE, 0); // confirms the session to the responder, which may not send on it before
  }

  private void transport(byte[] message, int length, SocketAddress from, Consumer<Received> inbound) {
    int receiver = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
    PeerState state = byIndex.get(receiver);
    if (state == null) {
      return;
    }
    Keys keys = sessionWithIndex(state, receiver);
    if (keys == null || keys.expired(clock.millis())) {
      return;
    }
    Optional<byte[]> packet = keys.session().open(message, length);
    if (packet.isEmpty()) {
      return;
    }
    confirm(state, keys);
    received(state, length);
    state.endpoint = from; // roaming: answer where the peer speaks from now
    if (packet.get().length == 0) {
      return; // a keepalive
    }
    state.lastDataReceived = state.lastReceived;
    state.keepaliveOwed = true;
    // cryptokey routing: a peer may only send from the addresses it was given
    if (allowedIps.acceptsFrom(state.name, packet.get(), packet.get().length)) {
      inbound.accept(new Received(state.name, packet.get()));
    }
  }

  private static Keys sessionWithIndex(PeerState state, int index) {
    for (Keys keys : new Keys[] {state.current, state.next, state.previous}) {
      if (keys != null && keys.session().localIndex == index) {
        return keys;
      }
    }
    return null;
  }

  static byte[] decodeKey(String base64) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64 == null ? "" : base64.strip());
    } catch (IllegalArgumentException e) {
      key = null;
    }
    if (key == null || key.length != Crypto.KEY) {
      throw new IllegalArgumentException("a WireGuard key must be 32 bytes in base64 (44 characters, as `wg genkey`"
          + " and `wg pubkey` print); got " + (key == null ? "text that is not base64" : key.length + " bytes"));
    }
    return key;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    timers.shutdownNow();
    channel.close();
    try {
      reader.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
