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
 * protocol's roaming). Cookies under load and keepalives are not done yet.
 */
public final class WireGuardEndpoint implements AutoCloseable {

  /** A packet that arrived from a peer (its public key), decrypted, without the padding's zeros removed. */
  public record Received(String peer, byte[] packet) {}

  private static final int MAX_MESSAGE = 65536;

  private final Handshake handshake;
  private final Map<String, PeerState> peers = new ConcurrentHashMap<>();
  private final Map<Integer, PeerState> byIndex = new ConcurrentHashMap<>();
  private final AllowedIps allowedIps = new AllowedIps();
  private final DatagramChannel channel;
  private final Thread reader;
  private final SecureRandom random = new SecureRandom();
  /** The clock for initiation stamps and session ages; tests may set another. */
  java.time.Clock clock = java.time.Clock.systemUTC();

  /** The protocol's timers (paper section 6.1), in milliseconds. */
  static final long REKEY_AFTER_TIME = 120_000;
  static final long REJECT_AFTER_TIME = 180_000;
  static final long REKEY_TIMEOUT = 5_000;
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
    volatile Keys current;
    volatile Keys previous;
    volatile long pendingSent;
    volatile SocketAddress endpoint;
    volatile byte[] lastTimestamp = new byte[12];
    volatile Handshake.Pending pending;

    PeerState(String name, byte[] publicKey, byte[] presharedKey) {
      this.name = name;
      this.publicKey = publicKey;
      this.presharedKey = presharedKey;
    }
  }

  /**
   * Listens on {@code bind} (port 0: the kernel chooses) for these peers, with our base64 private
   * key. A peer's packets are delivered only when their source lies in its allowed IPs.
   */
  public WireGuardEndpoint(String privateKey, InetSocketAddress bind, List<WireGuardConfig.Peer> configured,
      Consumer<Received> inbound) throws IOException {
    this.handshake = new Handshake(decodeKey(privateKey));
    for (WireGuardConfig.Peer peer : configured) {
      byte[] psk = peer.presharedKey().map(WireGuardEndpoint::decodeKey).orElse(new byte[Crypto.KEY]);
      if (peers.putIfAbsent(peer.publicKey(), new PeerState(peer.publicKey(), decodeKey(peer.publicKey()), psk)) != null) {
        throw new IllegalArgumentException("peer " + peer.publicKey() + " is given twice; give each peer once");
      }
      peer.allowedIps().forEach(network -> allowedIps.put(network, peer.publicKey()));
      peer.endpoint().ifPresent(e -> peers.get(peer.publicKey()).endpoint = new InetSocketAddress(e.host(), e.port()));
    }
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
      handshakeIfDue(state, now);
      return false;
    }
    if (keys.weInitiated() && now - keys.created() >= REKEY_AFTER_TIME) {
      handshakeIfDue(state, now);
    }
    SocketAddress to = state.endpoint;
    if (to == null) {
      return false;
    }
    channel.send(ByteBuffer.wrap(keys.session().seal(packet, length)), to);
    return true;
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
      if (keys == null || keys.expired(now)) {
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
    channel.send(ByteBuffer.wrap(initiation.message()), to);
    return true;
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
    Keys older = state.previous;
    if (older != null) {
      byIndex.remove(older.session().localIndex);
    }
    state.previous = state.current;
    state.current = new Keys(session, clock.millis(), weInitiated);
    byIndex.put(session.localIndex, state);
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
      byte[] message = Arrays.copyOf(buffer.array(), buffer.position());
      if (message.length < 4) {
        continue;
      }
      switch (message[0]) {
        case Handshake.TYPE_INITIATION -> initiation(message, from);
        case Handshake.TYPE_RESPONSE -> response(message, from);
        case Session.TYPE_TRANSPORT -> transport(message, from, inbound);
        default -> {
          // cookie replies: this endpoint does not yet send or honour cookies
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
    install(state, accepted.get().session(), false);
    state.endpoint = from;
    try {
      channel.send(ByteBuffer.wrap(accepted.get().response()), from);
    } catch (IOException e) {
      // the peer retries its initiation after a few seconds
    }
  }

  private void response(byte[] message, SocketAddress from) {
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
    state.endpoint = from;
  }

  private void transport(byte[] message, SocketAddress from, Consumer<Received> inbound) {
    int receiver = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
    PeerState state = byIndex.get(receiver);
    if (state == null) {
      return;
    }
    Keys keys = state.current;
    if (keys == null || keys.session().localIndex != receiver) {
      keys = state.previous;
    }
    if (keys == null || keys.session().localIndex != receiver || keys.expired(clock.millis())) {
      return;
    }
    Optional<byte[]> packet = keys.session().open(message, message.length);
    if (packet.isEmpty()) {
      return;
    }
    state.endpoint = from; // roaming: answer where the peer speaks from now
    if (packet.get().length == 0) {
      return; // a keepalive
    }
    // cryptokey routing: a peer may only send from the addresses it was given
    if (allowedIps.acceptsFrom(state.name, packet.get(), packet.get().length)) {
      inbound.accept(new Received(state.name, packet.get()));
    }
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
    channel.close();
    try {
      reader.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
