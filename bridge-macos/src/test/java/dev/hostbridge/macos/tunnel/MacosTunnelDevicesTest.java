package dev.hostbridge.macos.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.PacketDevice;
import dev.hostbridge.macos.jna.Errno;
import dev.hostbridge.macos.jna.SyscallException;
import dev.hostbridge.macos.net.FakeKernel;
import dev.hostbridge.macos.net.IfaddrsDirectory;
import dev.hostbridge.macos.net.MacosInterfaces;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Opening a tunnel device on the fake XNU: a utun appears, takes the MTU, and goes again on failure. */
class MacosTunnelDevicesTest {

  final FakeKernel kernel = new FakeKernel();
  final MacosInterfaces interfaces = new MacosInterfaces(kernel, new IfaddrsDirectory(kernel));
  int opened;

  /** What opening the control socket does to the kernel: a utun appears, and goes when the device closes. */
  PacketDevice utun() {
    opened++;
    String name = kernel.openUtun().name();
    return new PacketDevice() {
      boolean closed;

      @Override
      public String name() {
        return name;
      }

      @Override
      public int read(ByteBuffer into) {
        return -1;
      }

      @Override
      public void write(ByteBuffer from) {}

      @Override
      public void close() {
        if (!closed) {
          closed = true;
          kernel.closeUtun(name);
        }
      }
    };
  }

  final MacosTunnelDevices devices = new MacosTunnelDevices(interfaces, this::utun);

  @Test
  void theKernelNamesTheUtunAndItTakesTheMtuAsked() {
    try (PacketDevice device = devices.open("wg0", 1420)) {
      assertEquals("utun0", device.name(), "the name asked for is the kernel's to ignore");
      assertEquals(1420, kernel.get("utun0").orElseThrow().mtu);
      assertEquals(1420, interfaces.mtu("utun0"));
      assertTrue(interfaces.find("utun0").orElseThrow().up(), "a utun is up from the start");
    }
    assertEquals(Optional.empty(), kernel.get("utun0"), "closing the device removes the interface");
  }

  @Test
  void anMtuOutOfRangeIsRefusedBeforeAnythingIsOpened() {
    assertThrows(IllegalArgumentException.class, () -> devices.open("wg0", 575));
    assertThrows(IllegalArgumentException.class, () -> devices.open("wg0", 65536));
    assertEquals(0, opened);
  }

  @Test
  void whenTheMtuCannotBeSetTheUtunGoesAgain() {
    kernel.root = false;
    SyscallException e = assertThrows(SyscallException.class, () -> devices.open("wg0", 1420));
    assertEquals(Errno.EPERM, e.errno());
    assertTrue(e.getMessage().contains("SIOCSIFMTU"), e.getMessage());
    assertEquals(1, opened);
    assertFalse(kernel.get("utun0").isPresent(), "no utun is left behind");
  }
}
