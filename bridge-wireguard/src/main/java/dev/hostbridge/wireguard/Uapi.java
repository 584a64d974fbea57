package dev.hostbridge.wireguard;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The text of WireGuard's cross-platform userspace API (what {@code wg} reads from
 * {@code /var/run/wireguard/<interface>.sock} when there is no kernel interface): for
 * {@code get=1}, {@code key=value} lines, keys in hex, the interface first and then each peer
 * from its {@code public_key} line on, closed by {@code errno=0} and an empty line. The layout was
 * checked against Debian's wireguard-go 0.0.20220316 answering the same request.
 */
public final class Uapi {

  /** An interface as a {@code get} answer describes it; keys in base64, as {@code wg} prints them. */
  public record Device(String privateKey, int listenPort, List<WireGuardEndpoint.PeerStatus> peers) {
    public String publicKey() {
      return WireGuardEndpoint.publicKey(privateKey);
    }
  }

  private static final HexFormat HEX = HexFormat.of();

  private Uapi() {}

  /** The answer to {@code get=1} for a running endpoint. */
  static String describe(WireGuardEndpoint endpoint, byte[] privateKey, int listenPort) {
    StringBuilder out = new StringBuilder();
    out.append("private_key=").append(HEX.formatHex(privateKey)).append('\n');
    out.append("listen_port=").append(listenPort).append('\n');
    for (WireGuardEndpoint.PeerStatus peer : endpoint.peers()) {
      out.append("public_key=").append(hex(peer.publicKey())).append('\n');
      out.append("preshared_key=").append(HEX.formatHex(endpoint.presharedKeyOf(peer.publicKey()))).append('\n');
      out.append("protocol_version=1\n");
      peer.endpoint().ifPresent(e -> out.append("endpoint=").append(endpoint(e)).append('\n'));
      long millis = peer.latestHandshake().map(Instant::toEpochMilli).orElse(0L);
      out.append("last_handshake_time_sec=").append(millis / 1000).append('\n');
      out.append("last_handshake_time_nsec=").append((millis % 1000) * 1_000_000).append('\n');
      out.append("tx_bytes=").append(peer.sentBytes()).append('\n');
      out.append("rx_bytes=").append(peer.receivedBytes()).append('\n');
      out.append("persistent_keepalive_interval=").append(peer.persistentKeepalive()).append('\n');
      for (Cidr allowed : peer.allowedIps()) {
        out.append("allowed_ip=").append(allowed).append('\n');
      }
    }
    return out.append("errno=0\n\n").toString();
  }

  /**
   * Reads a {@code get} answer (ours, or wireguard-go's) into a {@link Device}; an answer with an
   * errno other than 0, or a line that is not {@code key=value}, is refused.
   */
  public static Device parse(String answer) {
    String privateKey = null;
    int listenPort = 0;
    List<WireGuardEndpoint.PeerStatus> peers = new ArrayList<>();
    PeerBuilder peer = null;
    for (String line : answer.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      int equals = line.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException("not a key=value line: " + line);
      }
      String key = line.substring(0, equals);
      String value = line.substring(equals + 1);
      switch (key) {
        case "private_key" -> privateKey = base64(value);
        case "listen_port" -> listenPort = Integer.parseInt(value);
        case "public_key" -> {
          if (peer != null) {
            peers.add(peer.build());
          }
          peer = new PeerBuilder(base64(value));
        }
        case "errno" -> {
          if (!value.equals("0")) {
            throw new IllegalArgumentException("the interface answered errno=" + value);
          }
        }
        default -> {
          if (peer != null) {
            peer.set(key, value);
          }
        }
      }
    }
    if (peer != null) {
      peers.add(peer.build());
    }
    if (privateKey == null) {
      throw new IllegalArgumentException("the answer has no private_key: the interface has no key yet");
    }
    return new Device(privateKey, listenPort, List.copyOf(peers));
  }

  private static final class PeerBuilder {
    final String publicKey;
    boolean presharedKey;
    InetSocketAddress endpoint;
    long handshakeSeconds;
    long handshakeNanos;
    long sent;
    long received;
    int keepalive;
    final List<Cidr> allowed = new ArrayList<>();

    PeerBuilder(String publicKey) {
      this.publicKey = publicKey;
    }

    void set(String key, String value) {
      switch (key) {
        case "preshared_key" -> presharedKey = !value.matches("0{64}");
        case "endpoint" -> endpoint = parseEndpoint(value);
        case "last_handshake_time_sec" -> handshakeSeconds = Long.parseLong(value);
        case "last_handshake_time_nsec" -> handshakeNanos = Long.parseLong(value);
        case "tx_bytes" -> sent = Long.parseLong(value);
        case "rx_bytes" -> received = Long.parseLong(value);
        case "persistent_keepalive_interval" -> keepalive = Integer.parseInt(value);
        case "allowed_ip" -> allowed.add(Cidr.parse(value));
        default -> {
          // protocol_version, and keys of later versions
        }
      }
    }

    WireGuardEndpoint.PeerStatus build() {
      Optional<Instant> handshake = handshakeSeconds == 0 && handshakeNanos == 0
          ? Optional.empty() : Optional.of(Instant.ofEpochSecond(handshakeSeconds, handshakeNanos));
      return new WireGuardEndpoint.PeerStatus(publicKey, Optional.ofNullable(endpoint), List.copyOf(allowed), handshake,
          received, sent, keepalive, presharedKey);
    }
  }

  private static String endpoint(InetSocketAddress address) {
    InetAddress ip = address.getAddress();
    String host = ip.getHostAddress();
    return (ip instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  private static InetSocketAddress parseEndpoint(String value) {
    int colon = value.lastIndexOf(':');
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    boolean literal = host.contains(":") ? host.matches("[0-9a-fA-F:.]+(%[A-Za-z0-9_.-]+)?") : host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    if (!literal) {
      throw new IllegalArgumentException("not an endpoint address: " + value);
    }
    try {
      // an address literal: no name is looked up
      return new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(value.substring(colon + 1)));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an endpoint address: " + value, e);
    }
  }

  private static String hex(String base64) {
    return HEX.formatHex(Base64.getDecoder().decode(base64));
  }

  private static String base64(String hex) {
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("a key is 64 hex digits: " + hex);
    }
    return Base64.getEncoder().encodeToString(HEX.parseHex(hex));
  }
}
