package dev.hostbridge.linux.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LinuxIoctlTest {

  @Test
  void tunRequestsFollowTheIowFormula() {
    // _IOW(type, nr, int) = 1 << 30 | sizeof(int) << 16 | type << 8 | nr
    assertEquals((1L << 30) | (4L << 16) | ('T' << 8) | 202, LinuxIoctl.TUNSETIFF);
    assertEquals(0x400454caL, LinuxIoctl.TUNSETIFF, "the value <linux/if_tun.h> users see");
    assertEquals(LinuxIoctl.TUNSETIFF + 1, LinuxIoctl.TUNSETPERSIST);
    assertEquals(LinuxIoctl.TUNSETIFF + 2, LinuxIoctl.TUNSETOWNER);
  }

  @Test
  void ifreqCarriesTheNameAndFlags() {
    byte[] ifreq = LinuxIfreq.withFlags("tap1", (short) (LinuxIoctl.IFF_TAP | LinuxIoctl.IFF_NO_PI));
    assertEquals(40, ifreq.length);
    assertEquals('t', ifreq[0]);
    assertEquals('1', ifreq[3]);
    assertEquals(0, ifreq[4], "NUL-terminated");
    assertEquals((short) 0x1002, LinuxIfreq.flags(ifreq));
  }

  @Test
  void namesOfSixteenCharactersDoNotFit() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> LinuxIfreq.withFlags("abcdefghijklmnop", (short) 0));
  }
}
