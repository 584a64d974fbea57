package dev.hostbridge.macos.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The utun control structures against the layouts of kern_control.h and if_utun.h. */
class KernelControlTest {

  @Test
  void ctlInfoCarriesTheControlsNameAfterTheIdAndIsNulPadded() {
    byte[] info = KernelControl.ctlInfo(KernelControl.UTUN_CONTROL_NAME);
    assertEquals(100, info.length, "u_int32_t ctl_id + char ctl_name[96]");
    byte[] name = KernelControl.UTUN_CONTROL_NAME.getBytes(StandardCharsets.US_ASCII);
    assertEquals(KernelControl.UTUN_CONTROL_NAME, new String(info, 4, name.length, StandardCharsets.US_ASCII));
    for (int i = 4 + name.length; i < info.length; i++) {
      assertEquals(0, info[i], "byte " + i);
    }
    assertEquals(0, KernelControl.controlId(info), "the kernel fills the id in");
  }

  @Test
  void theIdIsReadInHostOrderWhereTheKernelWroteIt() {
    byte[] info = KernelControl.ctlInfo(KernelControl.UTUN_CONTROL_NAME);
    ByteBuffer.wrap(info).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0x1234_5678);
    assertEquals(0x1234_5678, KernelControl.controlId(info));
    assertThrows(IllegalArgumentException.class, () -> KernelControl.controlId(new byte[32]));
  }

  @Test
  void aNameThatLeavesNoRoomForItsNulIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> KernelControl.ctlInfo("x".repeat(96)));
    assertEquals(100, KernelControl.ctlInfo("x".repeat(95)).length);
  }

  @Test
  void ctliocginfoIsTheReadWriteRequestOfGroupNNumber3WithTheSizeOfCtlInfo() {
    long expected = IoctlRequest.IOC_INOUT | ((long) KernelControl.CTL_INFO_SIZE << 16) | ('N' << 8) | 3;
    assertEquals(expected, KernelControl.CTLIOCGINFO.number());
    assertEquals(KernelControl.CTL_INFO_SIZE, KernelControl.CTLIOCGINFO.parameterLength());
  }

  @Test
  void sockaddrCtlHasItsLengthFamilySysaddrIdAndUnitWhereXnuReadsThem() {
    byte[] address = KernelControl.sockaddrCtl(0x0102_0304, 7);
    assertEquals(32, address.length);
    ByteBuffer b = ByteBuffer.wrap(address).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(32, b.get(0), "sc_len: the kernel refuses any other");
    assertEquals(KernelControl.AF_SYSTEM, b.get(1));
    assertEquals(KernelControl.AF_SYS_CONTROL, b.getShort(2));
    assertEquals(0x0102_0304, b.getInt(4));
    assertEquals(7, b.getInt(8));
    assertEquals(0, Arrays.stream(new int[] {12, 16, 20, 24, 28}).map(b::getInt).sum(), "sc_reserved[5]");
    assertEquals(0, ByteBuffer.wrap(KernelControl.sockaddrCtl(9, 0)).order(ByteOrder.LITTLE_ENDIAN).getInt(8),
        "unit 0: the kernel picks the first free utun");
    assertThrows(IllegalArgumentException.class, () -> KernelControl.sockaddrCtl(9, -1));
  }

  @Test
  void theInterfaceNameIsTheOptionsStringWithItsNulCounted() {
    byte[] value = new byte[16];
    byte[] utun = "utun4".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(utun, 0, value, 0, utun.length);
    assertEquals("utun4", KernelControl.interfaceName(value, utun.length + 1), "the length counts the NUL");
    assertEquals("utun4", KernelControl.interfaceName(value, 16), "and the string ends at it either way");
    assertEquals("utun", KernelControl.interfaceName(value, 4), "never read past the length given");
  }

  @Test
  void anInterfaceNameThatIsNotOneIsRefused() {
    byte[] junk = "utun-1;rm".getBytes(StandardCharsets.US_ASCII);
    assertThrows(IllegalArgumentException.class, () -> KernelControl.interfaceName(junk, junk.length));
    assertThrows(IllegalArgumentException.class, () -> KernelControl.interfaceName(new byte[16], 1));
  }
}
