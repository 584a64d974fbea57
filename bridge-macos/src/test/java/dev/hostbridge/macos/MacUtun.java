package dev.hostbridge.macos;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.ptr.IntByReference;
import dev.hostbridge.macos.jna.SyscallException;
import dev.hostbridge.macos.wire.IfReq;
import dev.hostbridge.macos.wire.IoctlRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A utun interface for the tests that run on a real Mac: utun is built into macOS (no kext), so
 * it gives the interface and route code a real interface to work on, as root, anywhere. The
 * interface lives while the control socket is open.
 *
 * <p>The steps are those of xnu's bsd/net/if_utun.c and sys/kern_control.h: a PF_SYSTEM control
 * socket, CTLIOCGINFO for the utun control's id, connect with a {@code sockaddr_ctl} whose unit 0
 * lets the kernel choose, then UTUN_OPT_IFNAME for the name it chose.
 */
final class MacUtun implements AutoCloseable {

  interface Libc extends Library {
    Libc INSTANCE = Native.load("System", Libc.class);

    int socket(int domain, int type, int protocol);

    int ioctl(int fd, NativeLong request, Object... args);

    int connect(int fd, byte[] address, int length);

    int getsockopt(int fd, int level, int option, byte[] value, IntByReference length);

    int close(int fd);
  }

  static final int PF_SYSTEM = 32;
  static final int AF_SYSTEM = 32;
  static final int AF_SYS_CONTROL = 2;
  static final int SOCK_DGRAM = 2;
  static final int SYSPROTO_CONTROL = 2;
  static final int UTUN_OPT_IFNAME = 2;
  static final String UTUN_CONTROL_NAME = "com.apple.net.utun_control";
  /** struct ctl_info: u32 ctl_id, char ctl_name[96]. */
  static final int CTL_INFO_SIZE = 100;
  /** struct sockaddr_ctl: len, family, sysaddr, id, unit, five reserved words. */
  static final int SOCKADDR_CTL_SIZE = 32;
  static final IoctlRequest CTLIOCGINFO = IoctlRequest.iowr("CTLIOCGINFO", 'N', 3, CTL_INFO_SIZE);

  private final int fd;
  private boolean closed;
  final String name;

  MacUtun() {
    Libc libc = Libc.INSTANCE;
    fd = libc.socket(PF_SYSTEM, SOCK_DGRAM, SYSPROTO_CONTROL);
    check(fd, "socket(PF_SYSTEM)");
    try {
      ByteBuffer info = ByteBuffer.allocate(CTL_INFO_SIZE).order(ByteOrder.nativeOrder());
      info.put(4, UTUN_CONTROL_NAME.getBytes(StandardCharsets.US_ASCII));
      byte[] infoBytes = info.array();
      check(libc.ioctl(fd, new NativeLong(CTLIOCGINFO.number()), (Object) infoBytes), "CTLIOCGINFO");
      int controlId = ByteBuffer.wrap(infoBytes).order(ByteOrder.nativeOrder()).getInt(0);
      ByteBuffer address = ByteBuffer.allocate(SOCKADDR_CTL_SIZE).order(ByteOrder.nativeOrder());
      address.put(0, (byte) SOCKADDR_CTL_SIZE).put(1, (byte) AF_SYSTEM).putShort(2, (short) AF_SYS_CONTROL)
          .putInt(4, controlId).putInt(8, 0);
      check(libc.connect(fd, address.array(), SOCKADDR_CTL_SIZE), "connect to the utun control");
      byte[] nameBytes = new byte[IfReq.IFNAMSIZ];
      IntByReference length = new IntByReference(nameBytes.length);
      check(libc.getsockopt(fd, SYSPROTO_CONTROL, UTUN_OPT_IFNAME, nameBytes, length), "UTUN_OPT_IFNAME");
      name = new String(nameBytes, 0, Math.max(0, length.getValue() - 1), StandardCharsets.US_ASCII);
    } catch (RuntimeException e) {
      libc.close(fd);
      throw e;
    }
  }

  private static void check(int result, String what) {
    if (result < 0) {
      throw new SyscallException(what, Native.getLastError());
    }
  }

  /** Closing twice must not close a descriptor number that was reused meanwhile. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      Libc.INSTANCE.close(fd);
    }
  }
}
