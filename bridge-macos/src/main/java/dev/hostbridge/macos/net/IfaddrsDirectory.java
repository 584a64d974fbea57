package dev.hostbridge.macos.net;

import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.macos.jna.IfaddrsSource;
import dev.hostbridge.macos.wire.IfaddrsEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link InterfaceDirectory} from {@code getifaddrs}: an interface is listed when it has an AF_LINK
 * entry, which every interface has from the moment it exists, address or not. Its index and MAC
 * come from that entry; its IPv4 addresses from its AF_INET entries.
 *
 * <p>Not the JDK's interface list ({@code NetworkInterface}): on macOS it holds only interfaces with an
 * IPv4 or IPv6 address, and a tuntaposx tap has none when hyperkit has just created it, which is
 * exactly when host-bridge must find it.
 */
public final class IfaddrsDirectory implements InterfaceDirectory {

  private final IfaddrsSource source;

  public IfaddrsDirectory(IfaddrsSource source) {
    this.source = source;
  }

  @Override
  public Optional<Listing> byName(String name) {
    return listings().stream().filter(listing -> listing.name().equals(name)).findFirst();
  }

  @Override
  public Optional<Listing> byIndex(int index) {
    return listings().stream().filter(listing -> listing.index() == index).findFirst();
  }

  /** Every interface of one snapshot, in the order the system lists them. */
  List<Listing> listings() {
    return fold(source.snapshot());
  }

  static List<Listing> fold(List<IfaddrsEntry> entries) {
    Map<String, Builder> byName = new LinkedHashMap<>();
    for (IfaddrsEntry entry : entries) {
      Builder builder = byName.computeIfAbsent(entry.name(), Builder::new);
      entry.linkIndex().ifPresent(index -> {
        builder.index = index;
        builder.mac = entry.mac();
      });
      entry.ipv4().ifPresent(builder.addresses::add);
    }
    return byName.values().stream().filter(b -> b.index > 0).map(Builder::build).toList();
  }

  private static final class Builder {
    final String name;
    int index;
    Optional<String> mac = Optional.empty();
    final List<Ipv4Cidr> addresses = new ArrayList<>();

    Builder(String name) {
      this.name = name;
    }

    Listing build() {
      return new Listing(name, index, addresses, mac);
    }
  }
}
