package dev.hostbridge.macos.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.InterfaceState;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.macos.jna.Errno;
import dev.hostbridge.macos.jna.SyscallException;
import dev.hostbridge.macos.wire.DarwinNet;
import dev.hostbridge.macos.wire.IfAliasReq;
import dev.hostbridge.macos.wire.IfReq;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MacosInterfacesTest {

  static final Ipv4Cidr GATEWAY = Ipv4Cidr.parse("10.0.75.1/24");

  final FakeKernel kernel = new FakeKernel();
  final FakeDirectory directory = new FakeDirectory().with("tap1", 11, "10.0.75.1/24");
  final MacosInterfaces interfaces = new MacosInterfaces(kernel, directory);

  @Test
  void addRemovesAStaleCopyThenAddsWithTheMask() {
    interfaces.addAddress("tap1", GATEWAY);
    assertEquals(List.of("ioctl SIOCDIFADDR", "ioctl SIOCAIFADDR"), kernel.callNames());
    assertArrayEquals(IfReq.withAddress("tap1", GATEWAY.address()), kernel.ioctlBytes("SIOCDIFADDR"));
    assertArrayEquals(IfAliasReq.encode("tap1", GATEWAY), kernel.ioctlBytes("SIOCAIFADDR"));
    assertEquals(List.of(new FakeKernel.Opened(DarwinNet.AF_INET, DarwinNet.SOCK_DGRAM, 0)), kernel.opened);
    assertEquals(1, kernel.closed);
  }

  @Test
  void addToleratesAnAddressThatWasNotThere() {
    kernel.ioctlErrno.put("SIOCDIFADDR", Errno.EADDRNOTAVAIL);
    interfaces.addAddress("tap1", GATEWAY);
    assertEquals(List.of("ioctl SIOCDIFADDR", "ioctl SIOCAIFADDR"), kernel.callNames());
  }

  @Test
  void addWithoutRootFailsSayingSoAndClosesTheSocket() {
    kernel.ioctlErrno.put("SIOCDIFADDR", Errno.EADDRNOTAVAIL);
    kernel.ioctlErrno.put("SIOCAIFADDR", Errno.EPERM);
    SyscallException e = assertThrows(SyscallException.class, () -> interfaces.addAddress("tap1", GATEWAY));
    assertEquals(Errno.EPERM, e.errno());
    assertTrue(e.getMessage().contains("SIOCAIFADDR 10.0.75.1/24 on tap1"), e.getMessage());
    assertTrue(e.remedy().contains("root"));
    assertEquals(1, kernel.closed);
  }

  @Test
  void addStopsWhenTheStaleCopyCannotBeRemoved() {
    kernel.ioctlErrno.put("SIOCDIFADDR", Errno.EPERM);
    assertThrows(SyscallException.class, () -> interfaces.addAddress("tap1", GATEWAY));
    assertEquals(List.of("ioctl SIOCDIFADDR"), kernel.callNames());
  }

  @Test
  void removeIsQuietWhenTheAddressOrTheInterfaceIsGone() {
    kernel.ioctlErrno.put("SIOCDIFADDR", Errno.EADDRNOTAVAIL);
    interfaces.removeAddress("tap1", GATEWAY);
    kernel.ioctlErrno.put("SIOCDIFADDR", Errno.ENXIO);
    interfaces.removeAddress("tap1", GATEWAY);
    assertEquals(2, kernel.closed);
  }

  @Test
  void removeReportsOtherFailures() {
    kernel.ioctlErrno.put("SIOCDIFADDR", Errno.EPERM);
    assertThrows(SyscallException.class, () -> interfaces.removeAddress("tap1", GATEWAY));
  }

  @Test
  void upSetsIffUpKeepingTheOtherFlags() {
    kernel.interfaceFlags = IfReq.IFF_BROADCAST | IfReq.IFF_MULTICAST | 0x0800;
    interfaces.setUp("tap1", true);
    assertEquals(List.of("ioctl SIOCGIFFLAGS", "ioctl SIOCSIFFLAGS"), kernel.callNames());
    assertEquals(0x8803, IfReq.flags(kernel.ioctlBytes("SIOCSIFFLAGS")));
  }

  @Test
  void downClearsIffUp() {
    kernel.interfaceFlags = IfReq.IFF_UP | IfReq.IFF_BROADCAST | IfReq.IFF_RUNNING;
    interfaces.setUp("tap1", false);
    assertEquals(IfReq.IFF_BROADCAST | IfReq.IFF_RUNNING, IfReq.flags(kernel.ioctlBytes("SIOCSIFFLAGS")));
  }

  @Test
  void nothingIsSetWhenTheStateIsAlreadyRight() {
    kernel.interfaceFlags = IfReq.IFF_UP | IfReq.IFF_BROADCAST;
    interfaces.setUp("tap1", true);
    assertEquals(List.of("ioctl SIOCGIFFLAGS"), kernel.callNames());
  }

  @Test
  void findCombinesTheListingWithIffUpRatherThanRunning() {
    kernel.interfaceFlags = IfReq.IFF_UP | IfReq.IFF_BROADCAST; // up, not running: nobody holds /dev/tap1
    Optional<InterfaceState> found = interfaces.find("tap1");
    assertEquals(Optional.of(new InterfaceState("tap1", true, List.of(GATEWAY), Optional.of("0a:0b:0c:0d:0e:0f"))), found);
    kernel.interfaceFlags = IfReq.IFF_BROADCAST | IfReq.IFF_RUNNING;
    assertFalse(interfaces.find("tap1").orElseThrow().up());
  }

  @Test
  void findOfAMissingInterfaceIsEmptyWithoutAnySystemCall() {
    assertEquals(Optional.empty(), interfaces.find("tap7"));
    assertTrue(kernel.opened.isEmpty());
  }

  @Test
  void findIsEmptyWhenTheInterfaceVanishesMeanwhile() {
    kernel.ioctlErrno.put("SIOCGIFFLAGS", Errno.ENXIO);
    assertEquals(Optional.empty(), interfaces.find("tap1"));
  }

  @Test
  void refusesANameTheKernelCannotTake() {
    assertThrows(IllegalArgumentException.class, () -> interfaces.find("tap1; rm -rf /"));
  }
}
