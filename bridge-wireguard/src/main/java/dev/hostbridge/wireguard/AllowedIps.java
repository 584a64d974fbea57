package dev.hostbridge.wireguard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Cryptokey routing (paper section 2): each network belongs to one peer; a packet to send goes
 * to the peer owning the longest prefix that holds its destination, and a packet received from a
 * peer is accepted only if its source lies in a network that peer owns. As with {@code wg},
 * giving a network to a second peer takes it from the first.
 */
public final class AllowedIps {

  private record Entry(Cidr network, String peer) {}

  private final List<Entry> entries = new ArrayList<>();

  /** Gives {@code network} (host bits are cleared) to {@code peer}. */
  public synchronized void put(Cidr network, String peer) {
    Cidr normal = network.network();
    entries.removeIf(e -> e.network().equals(normal));
    entries.add(new Entry(normal, peer));
    entries.sort(Comparator.comparingInt((Entry e) -> e.network().prefix()).reversed());
  }

  /** Removes every network of {@code peer}. */
  public synchronized void removePeer(String peer) {
    entries.removeIf(e -> e.peer().equals(peer));
  }

  /** The peer for destination {@code address} (4 or 16 bytes), by longest prefix. */
  public synchronized Optional<String> lookup(byte[] address) {
    for (Entry e : entries) {
      if (e.network().contains(address)) {
        return Optional.of(e.peer());
      }
    }
    return Optional.empty();
  }

  /** The peer an IP packet is sent to, by its destination; empty for no owner or no IP packet. */
  public Optional<String> peerForDestination(byte[] packet, int length) {
    return IpHeader.destination(packet, length).flatMap(this::lookup);
  }

  /** Whether {@code peer} may have sent this IP packet: its source lies in one of the peer's networks. */
  public boolean acceptsFrom(String peer, byte[] packet, int length) {
    return IpHeader.source(packet, length).flatMap(this::lookup).filter(peer::equals).isPresent();
  }

  /** The networks of {@code peer}, longest prefix first. */
  public synchronized List<Cidr> networksOf(String peer) {
    return entries.stream().filter(e -> e.peer().equals(peer)).map(Entry::network).toList();
  }
}
