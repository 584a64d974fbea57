package dev.hostbridge.macos.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The request numbers follow bsd/sys/ioccom.h and the sizes of the structs they carry. */
class IoctlRequestTest {

  // sizeof from the struct definitions: ifreq = char[IFNAMSIZ] + union{struct sockaddr,...};
  // ifaliasreq = char[IFNAMSIZ] + 3 * struct sockaddr; struct sockaddr = 1 + 1 + 14.
  static final int SIZEOF_SOCKADDR = 1 + 1 + 14;
  static final int SIZEOF_IFREQ = 16 + SIZEOF_SOCKADDR;
  static final int SIZEOF_IFALIASREQ = 16 + 3 * SIZEOF_SOCKADDR;

  /** The formula written out independently: direction | (len & 0x1fff) << 16 | group << 8 | num. */
  static long formula(long direction, char group, int num, int len) {
    return direction | ((long) (len & 0x1fff) << 16) | ((long) group << 8) | num;
  }

  @Test
  void structSizesMatchTheHeaders() {
    assertEquals(32, SIZEOF_IFREQ);
    assertEquals(64, SIZEOF_IFALIASREQ);
    assertEquals(SIZEOF_IFREQ, IfReq.SIZE);
    assertEquals(SIZEOF_IFALIASREQ, IfAliasReq.SIZE);
  }

  @Test
  void siocaifaddrIsIowOfIfaliasreq() {
    long expected = formula(0x80000000L, 'i', 26, SIZEOF_IFALIASREQ);
    assertEquals(expected, IoctlRequest.SIOCAIFADDR.number());
    assertEquals(0x8040691aL, expected, "the value documented for SIOCAIFADDR");
    assertEquals(64, IoctlRequest.SIOCAIFADDR.parameterLength());
  }

  @Test
  void siocdifaddrIsIowOfIfreq() {
    long expected = formula(0x80000000L, 'i', 25, SIZEOF_IFREQ);
    assertEquals(expected, IoctlRequest.SIOCDIFADDR.number());
    assertEquals(0x80206919L, expected);
  }

  @Test
  void siocsifflagsIsIowAndSiocgifflagsIsIowr() {
    assertEquals(formula(0x80000000L, 'i', 16, SIZEOF_IFREQ), IoctlRequest.SIOCSIFFLAGS.number());
    assertEquals(formula(0xc0000000L, 'i', 17, SIZEOF_IFREQ), IoctlRequest.SIOCGIFFLAGS.number());
    assertEquals(0x80206910L, IoctlRequest.SIOCSIFFLAGS.number());
    assertEquals(0xc0206911L, IoctlRequest.SIOCGIFFLAGS.number());
  }

  @Test
  void theMtuRequestsAreIowAndIowrOfIfreq() {
    // bsd/sys/sockio.h: SIOCGIFMTU _IOWR('i', 51, struct ifreq), SIOCSIFMTU _IOW('i', 52, struct ifreq).
    assertEquals(formula(0xc0000000L, 'i', 51, SIZEOF_IFREQ), IoctlRequest.SIOCGIFMTU.number());
    assertEquals(formula(0x80000000L, 'i', 52, SIZEOF_IFREQ), IoctlRequest.SIOCSIFMTU.number());
    assertEquals(0x80206934L, IoctlRequest.SIOCSIFMTU.number());
    assertEquals(KernelControl.CTLIOCGINFO.number(), IoctlRequest.iowr("CTLIOCGINFO", 'N', 3, 4 + 96).number());
  }

  @Test
  void otherDocumentedRequestsComeOutOfTheSameFormula() {
    // SIOCGIFADDR _IOWR('i', 33, ifreq) and CTLIOCGINFO _IOWR('N', 3, struct ctl_info{u32; char[96]}).
    assertEquals(0xc0206921L, IoctlRequest.iowr("SIOCGIFADDR", 'i', 33, SIZEOF_IFREQ).number());
    assertEquals(0xc0644e03L, IoctlRequest.iowr("CTLIOCGINFO", 'N', 3, 4 + 96).number());
    assertEquals(formula(0x40000000L, 'i', 1, 8), IoctlRequest.ior("X", 'i', 1, 8).number());
  }

  @Test
  void numbersAreUnsigned32BitSoTheyZeroExtend() {
    for (IoctlRequest request : new IoctlRequest[] {
        IoctlRequest.SIOCAIFADDR, IoctlRequest.SIOCDIFADDR, IoctlRequest.SIOCGIFFLAGS, IoctlRequest.SIOCSIFFLAGS}) {
      assertTrue(request.number() > 0 && request.number() <= 0xffffffffL, request.toString());
      // The high bit of the 32-bit value is set: an int would have gone negative.
      assertTrue((int) request.number() < 0, request.toString());
    }
  }

  @Test
  void rejectsFieldsThatDoNotFit() {
    assertThrows(IllegalArgumentException.class, () -> IoctlRequest.ioc(IoctlRequest.IOC_IN, 'i', 1, 0x2000));
    assertThrows(IllegalArgumentException.class, () -> IoctlRequest.ioc(IoctlRequest.IOC_IN, 'i', 256, 4));
  }

  @Test
  void printsNameAndHex() {
    assertEquals("SIOCAIFADDR(0x8040691a)", IoctlRequest.SIOCAIFADDR.toString());
  }
}
