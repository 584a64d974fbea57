package dev.hostbridge.macos.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import dev.hostbridge.macos.wire.DarwinNet;
import dev.hostbridge.macos.wire.IfReq;
import dev.hostbridge.macos.wire.IoctlRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The binding's calling conventions, exercised with calls whose meaning is the same on Linux
 * and macOS (AF_INET and SOCK_DGRAM are 2 on both, EBADF is 9 on both): the varargs ioctl with a
 * zero-extended request, and errno read back through JNA.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class DarwinLibcBindingTest {

  static final int EBADF = 9;

  @Test
  void socketAndCloseWork() {
    DarwinLibc libc = DarwinLibc.instance();
    int fd = libc.socket(DarwinNet.AF_INET, DarwinNet.SOCK_DGRAM, 0);
    assertTrue(fd >= 0, "socket() returned " + fd + ", errno " + Native.getLastError());
    assertEquals(0, libc.close(fd));
  }

  @Test
  void varargsIoctlOnABadDescriptorSetsEbadf() {
    byte[] ifreq = IfReq.withFlags("lo", 0);
    int result = DarwinLibc.instance().ioctl(-1, new NativeLong(IoctlRequest.SIOCGIFFLAGS.number()), (Object) ifreq);
    assertEquals(-1, result);
    assertEquals(EBADF, Native.getLastError());
  }

  @Test
  void aFailedCallBecomesASyscallExceptionWithTheErrno() {
    // Linux does not know this request on a UDP socket (ENOTTY); macOS knows no such interface (ENXIO).
    try (RawSocket socket = new JnaSockets().open(DarwinNet.AF_INET, DarwinNet.SOCK_DGRAM, 0, "test")) {
      SyscallException e = assertThrows(SyscallException.class,
          () -> socket.ioctl(IoctlRequest.SIOCGIFFLAGS, IfReq.withFlags("nosuchif0", 0), "on nosuchif0"));
      assertTrue(e.errno() > 0);
      assertTrue(e.getMessage().startsWith("SIOCGIFFLAGS on nosuchif0 failed: E"), e.getMessage());
    }
  }

  @Test
  void aClosedSocketRefusesFurtherCalls() {
    RawSocket socket = new JnaSockets().open(DarwinNet.AF_INET, DarwinNet.SOCK_DGRAM, 0, "test");
    socket.close();
    socket.close(); // closing twice must not close a descriptor number reused meanwhile
    assertThrows(IllegalStateException.class, () -> socket.write(new byte[4], "a closed socket"));
  }
}
