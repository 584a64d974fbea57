package dev.hostbridge.macos.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.BridgeException;
import org.junit.jupiter.api.Test;

class ErrnoTest {

  @Test
  void namesMacosNumbersWhichDifferFromLinuxAbove34() {
    assertEquals("EPERM", Errno.name(1));
    assertEquals("EAGAIN", Errno.name(35)); // 11 on Linux
    assertEquals("EADDRNOTAVAIL", Errno.name(49)); // 99 on Linux
    assertEquals("E999", Errno.name(999));
  }

  @Test
  void describesWithNumberAndText() {
    assertEquals("ENXIO (errno 6: device not configured)", Errno.describe(6));
    assertEquals("E999 (errno 999)", Errno.describe(999));
  }

  @Test
  void permissionErrorsSayRootIsNeeded() {
    assertTrue(Errno.remedy(Errno.EPERM).contains("needs root"));
    assertTrue(Errno.remedy(Errno.EACCES).contains("sudo"));
    assertTrue(Errno.remedy(Errno.ENXIO).contains("/dev/tapN"));
    assertEquals("", Errno.remedy(999));
  }

  @Test
  void syscallExceptionNamesOperationErrnoAndRemedy() {
    SyscallException e = new SyscallException("SIOCAIFADDR 10.0.75.1/24 on tap1", Errno.EPERM);
    assertEquals(BridgeException.Kind.PLATFORM, e.kind());
    assertEquals("macos.syscall.eperm", e.code());
    assertEquals("SIOCAIFADDR 10.0.75.1/24 on tap1 failed: EPERM (errno 1: operation not permitted)", e.getMessage());
    assertEquals(Errno.remedy(Errno.EPERM), e.remedy());
    assertEquals(1, e.errno());
  }
}
