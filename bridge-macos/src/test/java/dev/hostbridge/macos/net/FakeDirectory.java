package dev.hostbridge.macos.net;

import dev.hostbridge.api.Ipv4Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An interface list held in memory. */
final class FakeDirectory implements InterfaceDirectory {

  final List<Listing> listings = new ArrayList<>();

  FakeDirectory with(String name, int index, String... addresses) {
    listings.add(new Listing(name, index, List.of(addresses).stream().map(Ipv4Cidr::parse).toList(),
        Optional.of("0a:0b:0c:0d:0e:0f")));
    return this;
  }

  @Override
  public Optional<Listing> byName(String name) {
    return listings.stream().filter(l -> l.name().equals(name)).findFirst();
  }

  @Override
  public Optional<Listing> byIndex(int index) {
    return listings.stream().filter(l -> l.index() == index).findFirst();
  }
}
