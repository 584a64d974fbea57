package dev.hostbridge.cli;

import dev.hostbridge.wireguard.Cidr;
import dev.hostbridge.wireguard.Uapi;
import dev.hostbridge.wireguard.WireGuardEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An interface as {@code wg show} prints it: the interface's public key and port, then each peer
 * (the most recent handshake first) with its endpoint, allowed IPs, latest handshake, transfer and
 * keepalive, in wg's words and units, so that what users know from wg reads the same here.
 */
final class WireGuardShowText {

  private WireGuardShowText() {}

  static String render(String name, Uapi.Device device, Instant now) {
    StringBuilder out = new StringBuilder();
    out.append("interface: ").append(name).append('\n');
    out.append("  public key: ").append(device.publicKey()).append('\n');
    out.append("  private key: (hidden)\n");
    if (device.listenPort() > 0) {
      out.append("  listening port: ").append(device.listenPort()).append('\n');
    }
    for (WireGuardEndpoint.PeerStatus peer : newestHandshakeFirst(device.peers())) {
      out.append('\n').append("peer: ").append(peer.publicKey()).append('\n');
      if (peer.presharedKey()) {
        out.append("  preshared key: (hidden)\n");
      }
      peer.endpoint().ifPresent(e -> out.append("  endpoint: ").append(e.getAddress().getHostAddress().contains(":")
          ? "[" + e.getAddress().getHostAddress() + "]" : e.getAddress().getHostAddress()).append(':').append(e.getPort()).append('\n'));
      out.append("  allowed ips: ").append(peer.allowedIps().isEmpty() ? "(none)"
          : peer.allowedIps().stream().map(Cidr::toString).collect(Collectors.joining(", "))).append('\n');
      peer.latestHandshake().ifPresent(at -> out.append("  latest handshake: ").append(ago(at, now)).append('\n'));
      if (peer.receivedBytes() > 0 || peer.sentBytes() > 0) {
        out.append("  transfer: ").append(bytes(peer.receivedBytes())).append(" received, ")
            .append(bytes(peer.sentBytes())).append(" sent\n");
      }
      if (peer.persistentKeepalive() > 0) {
        out.append("  persistent keepalive: every ").append(units(peer.persistentKeepalive())).append('\n');
      }
    }
    return out.toString();
  }

  static List<WireGuardEndpoint.PeerStatus> newestHandshakeFirst(List<WireGuardEndpoint.PeerStatus> peers) {
    List<WireGuardEndpoint.PeerStatus> sorted = new ArrayList<>(peers);
    sorted.sort(Comparator.comparing((WireGuardEndpoint.PeerStatus p) -> p.latestHandshake().orElse(Instant.EPOCH)).reversed());
    return sorted;
  }

  /** "1 minute, 5 seconds ago"; "Now" within the second. */
  static String ago(Instant then, Instant now) {
    long seconds = Math.max(0, Duration.between(then, now).getSeconds());
    return seconds == 0 ? "Now" : units(seconds) + " ago";
  }

  /** Seconds as wg counts them out: years (365 days), days, hours, minutes, seconds; the zero ones left out. */
  static String units(long seconds) {
    long[] sizes = {365L * 24 * 3600, 24 * 3600, 3600, 60, 1};
    String[] names = {"year", "day", "hour", "minute", "second"};
    List<String> parts = new ArrayList<>();
    long left = seconds;
    for (int i = 0; i < sizes.length; i++) {
      long count = left / sizes[i];
      left %= sizes[i];
      if (count > 0) {
        parts.add(count + " " + names[i] + (count == 1 ? "" : "s"));
      }
    }
    return parts.isEmpty() ? "0 seconds" : String.join(", ", parts);
  }

  /** "912 B", "1.50 KiB", "3.25 MiB": binary units with two decimals above bytes. */
  static String bytes(long count) {
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    if (count < 1024) {
      return count + " B";
    }
    double value = count;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.2f %s", value, units[unit]);
  }
}
