package dev.hostbridge.macos.tunnel;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.ptr.IntByReference;
import dev.hostbridge.api.PacketDevice;
import dev.hostbridge.macos.jna.DarwinLibc;
import dev.hostbridge.macos.jna.Errno;
import dev.hostbridge.macos.jna.SyscallException;
import dev.hostbridge.macos.wire.DarwinNet;
import dev.hostbridge.macos.wire.IfReq;
import dev.hostbridge.macos.wire.KernelControl;
import dev.hostbridge.macos.wire.UtunFrame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A utun interface, open on its kernel control socket (bsd/net/if_utun.c): the interface exists
 * while the socket is open and the kernel removes it, with its addresses and routes, when the
 * socket closes. Each datagram on the socket is one packet behind a 4-byte family header
 * ({@link UtunFrame}); this class adds and strips it, so that callers see bare IP packets as
 * {@link PacketDevice} promises.
 *
 * <p>Reads wait in poll() on the socket and on a pipe that {@link #close()} writes to, since
 * closing a descriptor does not wake a thread blocked on it. Each direction has one native buffer,
 * made once; a packet is copied once between it and the caller's buffer.
 */
public final class UtunDevice implements PacketDevice {

  /** The largest IP packet, and so the largest frame less its header. */
  public static final int MAX_PACKET = 65535;
  static final short POLLIN = 0x1;

  private final DarwinLibc c = DarwinLibc.instance();
  private final int fd;
  private final int[] wake = new int[2];
  private final String name;
  private final Memory in = new Memory(UtunFrame.HEADER + MAX_PACKET);
  private final ByteBuffer inView = in.getByteBuffer(0, in.size());
  private final Memory out = new Memory(UtunFrame.HEADER + MAX_PACKET);
  private final ByteBuffer outView = out.getByteBuffer(0, out.size());
  private final byte[] pollFds;
  private final NativeLong frameRoom = new NativeLong(UtunFrame.HEADER + MAX_PACKET);
  /** Held by the reader; close() takes it before closing the descriptors, so none is closed (and its number reused) under a read. */
  private final Object reading = new Object();
  private volatile boolean closed;

  /**
   * Opens a new utun; the kernel picks its unit and so its name. Needs root: the utun control is
   * privileged, and connect() fails with EPERM for anyone else.
   */
  public static UtunDevice open() {
    DarwinLibc c = DarwinLibc.instance();
    int fd = c.socket(KernelControl.PF_SYSTEM, DarwinNet.SOCK_DGRAM, KernelControl.SYSPROTO_CONTROL);
    check(fd, "socket(PF_SYSTEM, SOCK_DGRAM, SYSPROTO_CONTROL) for a utun");
    try {
      byte[] info = KernelControl.ctlInfo(KernelControl.UTUN_CONTROL_NAME);
      check(c.ioctl(fd, new NativeLong(KernelControl.CTLIOCGINFO.number()), (Object) info),
          KernelControl.CTLIOCGINFO.name() + " for " + KernelControl.UTUN_CONTROL_NAME);
      byte[] address = KernelControl.sockaddrCtl(KernelControl.controlId(info), 0);
      check(c.connect(fd, address, address.length), "connect to the utun control (creating a utun needs root)");
      byte[] nameBytes = new byte[IfReq.IFNAMSIZ];
      IntByReference length = new IntByReference(nameBytes.length);
      check(c.getsockopt(fd, KernelControl.SYSPROTO_CONTROL, KernelControl.UTUN_OPT_IFNAME, nameBytes, length),
          "UTUN_OPT_IFNAME");
      return new UtunDevice(fd, KernelControl.interfaceName(nameBytes, length.getValue()));
    } catch (RuntimeException e) {
      c.close(fd);
      throw e;
    }
  }

  /** Takes over {@code fd}, a datagram socket that carries framed packets; closes it on failure. */
  UtunDevice(int fd, String name) {
    this.fd = fd;
    this.name = name;
    if (c.pipe(wake) < 0) {
      int errno = Native.getLastError();
      c.close(fd);
      throw new SyscallException("pipe() to wake the reader of " + name, errno);
    }
    pollFds = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder())
        .putInt(fd).putShort(POLLIN).putShort((short) 0)
        .putInt(wake[0]).putShort(POLLIN).putShort((short) 0).array();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int read(ByteBuffer into) throws IOException {
    synchronized (reading) {
      return readFrame(into);
    }
  }

  private int readFrame(ByteBuffer into) throws IOException {
    while (!closed) {
      if (c.poll(pollFds, 2, -1) < 0) {
        continue; // EINTR: look again
      }
      if (closed) {
        break;
      }
      if (pollFds[6] == 0 && pollFds[7] == 0) {
        continue; // only the wake pipe, which close() will follow up on
      }
      long length = c.read(fd, in, frameRoom).longValue();
      if (length < 0) {
        int errno = Native.getLastError();
        if (errno == Errno.EINTR || errno == Errno.EAGAIN) {
          continue;
        }
        if (closed) {
          break;
        }
        throw new IOException("read from " + name + " failed: " + Errno.describe(errno));
      }
      if (length == 0) {
        break; // the other end is gone (only a socket pair has one)
      }
      int packet = (int) length - UtunFrame.HEADER;
      if (packet <= 0) {
        continue; // a frame with no packet behind its header: nothing to hand on
      }
      if (packet > into.remaining()) {
        throw new IOException("a packet of " + packet + " bytes does not fit the " + into.remaining() + " left in the buffer");
      }
      into.put(into.position(), inView, UtunFrame.HEADER, packet);
      return packet;
    }
    return -1;
  }

  @Override
  public synchronized void write(ByteBuffer from) throws IOException {
    if (closed) {
      throw new IOException(name + " is closed");
    }
    int length = from.remaining();
    if (length > MAX_PACKET) {
      throw new IOException("a packet of " + length + " bytes is larger than an IP packet can be");
    }
    int family = UtunFrame.familyOf(from, from.position());
    if (family < 0) {
      throw new IOException("not an IPv4 or IPv6 packet: " + name + " takes only those");
    }
    UtunFrame.putHeader(outView, 0, family);
    outView.put(UtunFrame.HEADER, from, from.position(), length);
    long written = c.write(fd, out, new NativeLong(UtunFrame.HEADER + length)).longValue();
    if (written < 0) {
      int errno = Native.getLastError();
      throw new IOException("write to " + name + " failed: " + Errno.describe(errno));
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    c.write(wake[1], new byte[] {1}, new NativeLong(1));
    synchronized (reading) {
      c.close(fd);
      c.close(wake[0]);
      c.close(wake[1]);
    }
  }

  private static void check(int result, String what) {
    if (result < 0) {
      throw new SyscallException(what, Native.getLastError());
    }
  }
}
