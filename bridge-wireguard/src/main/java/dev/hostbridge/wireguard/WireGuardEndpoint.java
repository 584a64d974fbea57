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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A WireGuard endpoint on a UDP socket, as the responder: peers (by public key) initiate
 * handshakes, and packets then flow both ways, sealed in their session. What a peer sends arrives
 * at {@code inbound}; {@link #send} seals a packet for a peer and sends it to where that peer last
 * spoke from (the protocol's roaming). Initiation, cookies under load, timers and key rotation come
 * in later steps; this endpoint answers every valid initiation and keeps one session per peer.
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
  private volatile boolean closed;

  private static final class PeerState {
    final byte[] publicKey;
    final byte[] presharedKey;
    volatile Session session;
    volatile SocketAddress endpoint;
    volatile byte[] lastTimestamp = new byte[12];

    PeerState(byte[] publicKey, byte[] presharedKey) {
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
      if (peers.putIfAbsent(peer.publicKey(), new PeerState(decodeKey(peer.publicKey()), psk)) != null) {
        throw new IllegalArgumentException("peer " + peer.publicKey() + " is given twice; give each peer once");
      }
      peer.allowedIps().forEach(network -> allowedIps.put(network, peer.publicKey()));
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
    if (state == null || state.session == null || state.endpoint == null) {
      return false;
    }
    channel.send(ByteBuffer.wrap(state.session.seal(packet)), state.endpoint);
    return true;
  }

  /**
   * Sends an IP packet to the peer whose allowed IPs hold its destination (longest prefix); false
   * when no peer owns it or there is no session with that peer yet.
   */
  public boolean send(byte[] packet) throws IOException {
    Optional<String> peer = allowedIps.peerForDestination(packet, packet.length);
    return peer.isPresent() && send(peer.get(), packet);
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
        case Session.TYPE_TRANSPORT -> transport(message, from, inbound);
        default -> {
          // responses and cookie replies: this endpoint does not initiate yet
        }
      }
    }
  }

  private void initiation(byte[] message, SocketAddress from) {
    int localIndex = random.nextInt();
    while (byIndex.containsKey(localIndex)) {
      localIndex = random.nextInt();
    }
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
    Session previous = state.session;
    state.session = accepted.get().session();
    state.endpoint = from;
    byIndex.put(localIndex, state);
    if (previous != null) {
      byIndex.remove(previous.localIndex);
    }
    try {
      channel.send(ByteBuffer.wrap(accepted.get().response()), from);
    } catch (IOException e) {
      // the peer retries its initiation after a few seconds
    }
  }

  private void transport(byte[] message, SocketAddress from, Consumer<Received> inbound) {
    int receiver = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
    PeerState state = byIndex.get(receiver);
    if (state == null || state.session == null || state.session.localIndex != receiver) {
      return;
    }
    Optional<byte[]> packet = state.session.open(message, message.length);
    if (packet.isEmpty()) {
      return;
    }
    state.endpoint = from; // roaming: answer where the peer speaks from now
    if (packet.get().length == 0) {
      return; // a keepalive
    }
    String peer = Base64.getEncoder().encodeToString(state.publicKey);
    // cryptokey routing: a peer may only send from the addresses it was given
    if (allowedIps.acceptsFrom(peer, packet.get(), packet.get().length)) {
      inbound.accept(new Received(peer, packet.get()));
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
