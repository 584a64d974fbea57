package dev.hostbridge.macos.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hostbridge.api.Ipv4Cidr;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reads the real interface list through the JDK; the loopback interface exists on every host. */
class JavaNetInterfaceDirectoryTest {

  final JavaNetInterfaceDirectory directory = new JavaNetInterfaceDirectory();

  @Test
  void findsTheLoopbackWithItsAddressAndIndex() throws Exception {
    Optional<NetworkInterface> loopback = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
        .filter(nic -> {
          try {
            return nic.isLoopback();
          } catch (java.net.SocketException e) {
            return false;
          }
        }).findFirst();
    assumeTrue(loopback.isPresent(), "no loopback interface visible here");
    InterfaceDirectory.Listing listing = directory.byName(loopback.get().getName()).orElseThrow();
    assertTrue(listing.addresses().contains(Ipv4Cidr.parse("127.0.0.1/8")), listing.toString());
    assertTrue(listing.index() > 0);
    assertEquals(Optional.of(listing), directory.byIndex(listing.index()));
  }

  @Test
  void anUnknownInterfaceIsEmpty() {
    assertEquals(Optional.empty(), directory.byName("nosuchif0"));
  }
}
