package dev.hostbridge.macos.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.macos.wire.IfReq;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IfaddrsDirectoryTest {

  final FakeKernel kernel = new FakeKernel();
  final IfaddrsDirectory directory = new IfaddrsDirectory(kernel);

  @Test
  void listsATapThatHasNoAddressWhichTheJdksViewDoesNot() {
    FakeKernel.Interface tap = kernel.openTap("tap1");
    InterfaceDirectory.Listing listing = directory.byName("tap1").orElseThrow();
    assertEquals(tap.index, listing.index());
    assertEquals(List.of(), listing.addresses());
    assertTrue(listing.mac().isPresent());
    assertEquals(Optional.empty(), kernel.jdkView().byName("tap1"), "the premise of the defect: the JDK does not list it");
    assertEquals(Optional.of(listing), directory.byIndex(tap.index));
  }

  @Test
  void foldsEveryAddressOfAnInterfaceIntoOneListing() {
    FakeKernel.Interface en0 = kernel.attach("en0", 4, IfReq.IFF_UP | IfReq.IFF_BROADCAST);
    en0.addresses.add(Ipv4Cidr.parse("192.168.1.20/24"));
    en0.addresses.add(Ipv4Cidr.parse("10.1.0.1/16"));
    InterfaceDirectory.Listing listing = directory.byName("en0").orElseThrow();
    assertEquals(List.of(Ipv4Cidr.parse("192.168.1.20/24"), Ipv4Cidr.parse("10.1.0.1/16")), listing.addresses());
    assertEquals(4, listing.index());
    assertEquals(Optional.of(Ipv4Cidr.parse("127.0.0.1/8")), directory.byName("lo0").map(l -> l.addresses().get(0)));
    assertEquals(Optional.empty(), directory.byName("lo0").orElseThrow().mac());
  }

  @Test
  void anInterfaceThatIsGoneIsNotListed() {
    kernel.openTap("tap1");
    kernel.closeTap("tap1");
    assertEquals(Optional.empty(), directory.byName("tap1"));
    assertEquals(Optional.empty(), directory.byIndex(999));
  }
}
