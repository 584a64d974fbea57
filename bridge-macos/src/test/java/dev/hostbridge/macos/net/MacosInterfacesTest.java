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
  final MacosInterfaces interfaces = new MacosInterfaces(kernel, new IfaddrsDirectory(kernel));

  /** The tap as hyperkit leaves it: open, no address, not up. */
  FakeKernel.Interface tap1() {
    return kernel.openTap("tap1");
  }

  @Test
  void aTapJustOpenedByTheLauncherIsFoundThoughItHasNoAddress() {
    FakeKernel.Interface tap = tap1();
    Optional<InterfaceState> found = interfaces.find("tap1");
    assertTrue(found.isPresent(), "the interface exists while /dev/tap1 is open, address or not");
    assertEquals(List.of(), found.get().addresses());
    assertFalse(found.get().up());
    assertEquals(Optional.of(String.format("02:00:00:00:00:%02x", tap.mac[5] & 0xff)), found.get().mac());
  }

  @Test
  void theWholeLastStepOnAFreshTapAddressesItAndBringsItUp() {
    tap1();
    interfaces.addAddress("tap1", GATEWAY);
    interfaces.setUp("tap1", true);
    InterfaceState state = interfaces.find("tap1").orElseThrow();
    assertTrue(state.has(GATEWAY) && state.up(), state.toString());
    assertEquals(List.of(GATEWAY), kernel.get("tap1").orElseThrow().addresses);
  }

  @Test
  void theTapAndItsAddressGoWhenTheDeviceIsClosed() {
    tap1();
    interfaces.addAddress("tap1", GATEWAY);
    kernel.closeTap("tap1");
    assertEquals(Optional.empty(), interfaces.find("tap1"));
    kernel.openTap("tap1");
    assertEquals(List.of(), interfaces.find("tap1").orElseThrow().addresses(), "a new open starts without the address");
  }

  @Test
  void findOfAnAbsentInterfaceIsEmptyBecauseTheKernelSaysEnxio() {
    assertEquals(Optional.empty(), interfaces.find("tap7"));
    assertEquals(List.of("ioctl SIOCGIFFLAGS"), kernel.callNames());
  }

  @Test
  void findNeedsNoRoot() {
    tap1();
    kernel.root = false;
    assertTrue(interfaces.find("tap1").isPresent());
    assertTrue(interfaces.find("lo0").orElseThrow().has(Ipv4Cidr.parse("127.0.0.1/8")));
  }

  @Test
  void findReportsAFailureOtherThanAbsence() {
    tap1();
    kernel.ioctlErrno.put("SIOCGIFFLAGS", Errno.EINVAL);
    assertEquals(Errno.EINVAL, assertThrows(SyscallException.class, () -> interfaces.find("tap1")).errno());
  }

  @Test
  void upIsIffUpAloneNotRunning() {
    FakeKernel.Interface tap = tap1();
    tap.flags = IfReq.IFF_UP | IfReq.IFF_BROADCAST; // up, not running
    assertTrue(interfaces.find("tap1").orElseThrow().up());
    tap.flags = FakeKernel.TAP_FLAGS; // running, not up
    assertFalse(interfaces.find("tap1").orElseThrow().up());
  }

  @Test
  void addRemovesAStaleCopyThenAddsWithTheMask() {
    tap1();
    interfaces.addAddress("tap1", GATEWAY);
    assertEquals(List.of("ioctl SIOCGIFFLAGS", "ioctl SIOCDIFADDR", "ioctl SIOCAIFADDR"), kernel.callNames());
    assertArrayEquals(IfReq.withAddress("tap1", GATEWAY.address()), kernel.ioctlBytes("SIOCDIFADDR"));
    assertArrayEquals(IfAliasReq.encode("tap1", GATEWAY), kernel.ioctlBytes("SIOCAIFADDR"));
    assertEquals(List.of(new FakeKernel.Opened(DarwinNet.AF_INET, DarwinNet.SOCK_DGRAM, 0)), kernel.opened);
    assertEquals(1, kernel.closed);
  }

  @Test
  void addReplacesTheSameAddressWithAnotherPrefix() {
    tap1();
    interfaces.addAddress("tap1", Ipv4Cidr.parse("10.0.75.1/16"));
    interfaces.addAddress("tap1", GATEWAY);
    assertEquals(List.of(GATEWAY), interfaces.find("tap1").orElseThrow().addresses());
  }

  @Test
  void aUtunGetsItsAddressWithTheDestinationXnuRequiresOfAPointToPointInterface() {
    FakeKernel.Interface utun = kernel.openUtun();
    Ipv4Cidr address = Ipv4Cidr.parse("203.0.113.1/30");
    interfaces.addAddress(utun.name, address);
    assertArrayEquals(IfAliasReq.encodePointToPoint(utun.name, address, address.address()), kernel.ioctlBytes("SIOCAIFADDR"));
    assertEquals(List.of(address), interfaces.find(utun.name).orElseThrow().addresses());
  }

  @Test
  void theFakeRefusesAPointToPointAddressWithoutADestinationAsXnuDoes() {
    FakeKernel.Interface utun = kernel.openUtun();
    try (var socket = kernel.open(DarwinNet.AF_INET, DarwinNet.SOCK_DGRAM, 0, "test")) {
      SyscallException e = assertThrows(SyscallException.class, () -> socket.ioctl(
          dev.hostbridge.macos.wire.IoctlRequest.SIOCAIFADDR, IfAliasReq.encode(utun.name, GATEWAY), "on " + utun.name));
      assertEquals(Errno.EDESTADDRREQ, e.errno());
    }
  }

  @Test
  void addWithoutRootFailsSayingSoAndClosesTheSocket() {
    tap1();
    kernel.root = false;
    SyscallException e = assertThrows(SyscallException.class, () -> interfaces.addAddress("tap1", GATEWAY));
    assertEquals(Errno.EPERM, e.errno());
    assertTrue(e.remedy().contains("root"));
    assertEquals(1, kernel.closed);
    assertEquals(List.of(), kernel.get("tap1").orElseThrow().addresses);
  }

  @Test
  void addToAnAbsentInterfaceIsEnxio() {
    assertEquals(Errno.ENXIO, assertThrows(SyscallException.class, () -> interfaces.addAddress("tap1", GATEWAY)).errno());
  }

  @Test
  void addStopsWhenTheStaleCopyCannotBeRemoved() {
    tap1();
    kernel.ioctlErrno.put("SIOCDIFADDR", Errno.EPERM);
    SyscallException e = assertThrows(SyscallException.class, () -> interfaces.addAddress("tap1", GATEWAY));
    assertTrue(e.getMessage().contains("SIOCDIFADDR 10.0.75.1 on tap1"), e.getMessage());
    assertEquals(List.of("ioctl SIOCGIFFLAGS", "ioctl SIOCDIFADDR"), kernel.callNames());
  }

  @Test
  void removeIsQuietWhenTheAddressOrTheInterfaceIsGone() {
    tap1();
    interfaces.removeAddress("tap1", GATEWAY); // EADDRNOTAVAIL
    kernel.closeTap("tap1");
    interfaces.removeAddress("tap1", GATEWAY); // ENXIO
    assertEquals(2, kernel.closed);
  }

  @Test
  void removeTakesTheAddressAway() {
    tap1();
    interfaces.addAddress("tap1", GATEWAY);
    interfaces.removeAddress("tap1", GATEWAY);
    assertEquals(List.of(), interfaces.find("tap1").orElseThrow().addresses());
  }

  @Test
  void removeReportsOtherFailures() {
    tap1();
    interfaces.addAddress("tap1", GATEWAY);
    kernel.root = false;
    assertEquals(Errno.EPERM, assertThrows(SyscallException.class, () -> interfaces.removeAddress("tap1", GATEWAY)).errno());
  }

  @Test
  void upSetsIffUpKeepingTheOtherFlags() {
    tap1();
    interfaces.setUp("tap1", true);
    assertEquals(List.of("ioctl SIOCGIFFLAGS", "ioctl SIOCSIFFLAGS"), kernel.callNames());
    assertEquals(FakeKernel.TAP_FLAGS | IfReq.IFF_UP, IfReq.flags(kernel.ioctlBytes("SIOCSIFFLAGS")));
    assertEquals(FakeKernel.TAP_FLAGS | IfReq.IFF_UP, kernel.get("tap1").orElseThrow().flags);
  }

  @Test
  void downClearsIffUp() {
    tap1().flags |= IfReq.IFF_UP;
    interfaces.setUp("tap1", false);
    assertEquals(FakeKernel.TAP_FLAGS, IfReq.flags(kernel.ioctlBytes("SIOCSIFFLAGS")));
    assertFalse(kernel.get("tap1").orElseThrow().up());
  }

  @Test
  void nothingIsSetWhenTheStateIsAlreadyRight() {
    tap1().flags |= IfReq.IFF_UP;
    interfaces.setUp("tap1", true);
    assertEquals(List.of("ioctl SIOCGIFFLAGS"), kernel.callNames());
  }

  @Test
  void upOfAnAbsentInterfaceIsEnxio() {
    assertEquals(Errno.ENXIO, assertThrows(SyscallException.class, () -> interfaces.setUp("tap1", true)).errno());
  }

  @Test
  void refusesANameTheKernelCannotTake() {
    assertThrows(IllegalArgumentException.class, () -> interfaces.find("tap1; rm -rf /"));
    assertTrue(kernel.opened.isEmpty());
  }
}
