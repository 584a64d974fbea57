package dev.hostbridge.macos.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The structures for opening a utun through a kernel control socket, as bsd/sys/kern_control.h
 * and bsd/net/if_utun.h define them: {@code struct ctl_info} (the control's id by its name, asked
 * with CTLIOCGINFO) and {@code struct sockaddr_ctl} (the address connect() takes; unit 0 lets the
 * kernel choose, unit N asks for utun(N-1)). Host byte order, as the kernel reads them; every Mac
 * is little-endian.
 */
public final class KernelControl {

  public static final int PF_SYSTEM = 32;
  public static final int AF_SYSTEM = 32;
  public static final int AF_SYS_CONTROL = 2;
  public static final int SYSPROTO_CONTROL = 2;
  public static final int UTUN_OPT_IFNAME = 2;
  public static final String UTUN_CONTROL_NAME = "com.apple.net.utun_control";

  /** MAX_KCTL_NAME: the control's name, NUL included. */
  public static final int MAX_KCTL_NAME = 96;
  /** {@code struct ctl_info { u_int32_t ctl_id; char ctl_name[MAX_KCTL_NAME]; }}. */
  public static final int CTL_INFO_SIZE = 4 + MAX_KCTL_NAME;
  /** {@code struct sockaddr_ctl}: len, family, sysaddr, id, unit, five reserved words; the kernel refuses another length. */
  public static final int SOCKADDR_CTL_SIZE = 32;

  public static final IoctlRequest CTLIOCGINFO = IoctlRequest.iowr("CTLIOCGINFO", 'N', 3, CTL_INFO_SIZE);

  private KernelControl() {}

  /** A {@code ctl_info} asking for the id of the control {@code name}. */
  public static byte[] ctlInfo(String name) {
    byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
    if (bytes.length >= MAX_KCTL_NAME) {
      throw new IllegalArgumentException("a kernel control name has at most " + (MAX_KCTL_NAME - 1) + " characters: " + name);
    }
    return buffer(CTL_INFO_SIZE).put(4, bytes).array();
  }

  /** The id CTLIOCGINFO wrote into {@code ctlInfo}. */
  public static int controlId(byte[] ctlInfo) {
    if (ctlInfo.length != CTL_INFO_SIZE) {
      throw new IllegalArgumentException("ctl_info is " + CTL_INFO_SIZE + " bytes, not " + ctlInfo.length);
    }
    return ByteBuffer.wrap(ctlInfo).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
  }

  /** The address of control {@code id}, unit {@code unit} (0: the kernel picks a free one). */
  public static byte[] sockaddrCtl(int id, int unit) {
    if (unit < 0) {
      throw new IllegalArgumentException("a control unit is not negative: " + unit);
    }
    return buffer(SOCKADDR_CTL_SIZE)
        .put(0, (byte) SOCKADDR_CTL_SIZE)
        .put(1, (byte) AF_SYSTEM)
        .putShort(2, (short) AF_SYS_CONTROL)
        .putInt(4, id)
        .putInt(8, unit)
        .array();
  }

  /**
   * The interface name UTUN_OPT_IFNAME wrote: {@code length} bytes, the NUL counted, or fewer
   * where the string ended earlier; checked to be an interface name.
   */
  public static String interfaceName(byte[] value, int length) {
    int end = 0;
    int limit = Math.min(length, value.length);
    while (end < limit && value[end] != 0) {
      end++;
    }
    return IfReq.checkName(new String(value, 0, end, StandardCharsets.US_ASCII));
  }

  private static ByteBuffer buffer(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }
}
