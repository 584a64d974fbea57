package dev.hostbridge.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import dev.hostbridge.api.PacketDevice;
import dev.hostbridge.linux.encoding.LinuxIoctl;
import dev.hostbridge.linux.natives.Errors;
import dev.hostbridge.linux.natives.LinuxC;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A TUN interface ({@code IFF_TUN | IFF_NO_PI}: bare IP packets) open on a descriptor of
 * {@code /dev/net/tun}. The interface is not persistent, so the kernel removes it when the
 * descriptor closes. Reads wait in poll() on the descriptor and on a pipe that {@link #close()}
 * writes to, because closing a descriptor does not wake a thread blocked on it. Each direction
 * has one native buffer, made once; a packet is copied once between it and the caller's buffer.
 */
final class LinuxTunDevice implements PacketDevice {

  static final int MAX_PACKET = 65535;

  private final LinuxC c = LinuxC.INSTANCE;
  private final int fd;
  private final int[] wake = new int[2];
  private final String name;
  private final Memory in = new Memory(MAX_PACKET);
  private final ByteBuffer inView = in.getByteBuffer(0, MAX_PACKET);
  private final Memory out = new Memory(MAX_PACKET);
  private final ByteBuffer outView = out.getByteBuffer(0, MAX_PACKET);
  private final byte[] pollFds;
  private final NativeLong two = new NativeLong(2);
  /** Held by the reader; close() takes it before closing the descriptors, so none is closed (and its number reused) under a read. */
  private final Object reading = new Object();
  private volatile boolean closed;

  /** Creates the TUN interface {@code requested}; the caller sets its MTU and addresses. */
  LinuxTunDevice(String requested) {
    TunFiles.Attached attached = TunFiles.attach(requested, (short) (LinuxIoctl.IFF_TUN | LinuxIoctl.IFF_NO_PI),
        LinuxC.O_NONBLOCK, "create the TUN interface " + requested);
    fd = attached.fd();
    name = attached.name();
    try {
      c.pipe2(wake, LinuxC.O_CLOEXEC);
    } catch (LastErrorException e) {
      c.close(fd);
      throw Errors.failed("make the wake-up pipe of " + name, e);
    }
    pollFds = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder())
        .putInt(fd).putShort(LinuxC.POLLIN).putShort((short) 0)
        .putInt(wake[0]).putShort(LinuxC.POLLIN).putShort((short) 0).array();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int read(ByteBuffer into) throws IOException {
    synchronized (reading) {
      return readPacket(into);
    }
  }

  private int readPacket(ByteBuffer into) throws IOException {
    while (!closed) {
      int length;
      try {
        length = c.read(fd, in, new NativeLong(MAX_PACKET)).intValue();
      } catch (LastErrorException e) {
        if (e.getErrorCode() != LinuxC.EAGAIN && e.getErrorCode() != LinuxC.EINTR) {
          if (closed) {
            return -1;
          }
          throw new IOException("read from " + name + ": errno " + e.getErrorCode(), e);
        }
        try {
          c.poll(pollFds, two, -1);
        } catch (LastErrorException interrupted) {
          // EINTR: look again
        }
        continue;
      }
      if (length > into.remaining()) {
        throw new IOException("a packet of " + length + " bytes does not fit the " + into.remaining() + " left in the buffer");
      }
      into.put(into.position(), inView, 0, length);
      return length;
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
    outView.put(0, from, from.position(), length);
    try {
      c.write(fd, out, new NativeLong(length));
    } catch (LastErrorException e) {
      throw new IOException("write to " + name + ": errno " + e.getErrorCode(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      c.write(wake[1], new byte[] {1}, new NativeLong(1));
    } catch (LastErrorException e) {
      // the reader also stops on its next packet
    }
    synchronized (reading) {
      c.close(fd);
      c.close(wake[0]);
      c.close(wake[1]);
    }
  }
}
