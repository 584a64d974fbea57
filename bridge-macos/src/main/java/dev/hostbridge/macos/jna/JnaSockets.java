package dev.hostbridge.macos.jna;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import dev.hostbridge.macos.wire.DarwinNet;
import dev.hostbridge.macos.wire.IoctlRequest;
import dev.hostbridge.macos.wire.Timeval;
import java.time.Duration;

/** {@link Sockets} through libc: one native call per method, errno read right after it. */
public final class JnaSockets implements Sockets {

  @Override
  public RawSocket open(int domain, int type, int protocol, String purpose) {
    int fd = DarwinLibc.instance().socket(domain, type, protocol);
    if (fd < 0) {
      throw new SyscallException("socket(" + domain + ", " + type + ", " + protocol + ") for " + purpose, Native.getLastError());
    }
    return new JnaSocket(fd);
  }

  private static final class JnaSocket implements RawSocket {
    private final int fd;
    private boolean closed;

    JnaSocket(int fd) {
      this.fd = fd;
    }

    @Override
    public void ioctl(IoctlRequest request, byte[] struct, String subject) {
      requireOpen();
      int result = DarwinLibc.instance().ioctl(fd, new NativeLong(request.number()), (Object) struct);
      check(result, request.name() + " " + subject);
    }

    @Override
    public int write(byte[] message, String subject) {
      requireOpen();
      long written = DarwinLibc.instance().write(fd, message, new NativeLong(message.length)).longValue();
      check(written, "write of " + subject);
      return (int) written;
    }

    @Override
    public int read(byte[] buffer, String subject) {
      requireOpen();
      long count = DarwinLibc.instance().read(fd, buffer, new NativeLong(buffer.length)).longValue();
      check(count, "read of " + subject);
      return (int) count;
    }

    @Override
    public void receiveTimeout(Duration timeout) {
      requireOpen();
      byte[] timeval = Timeval.encode(timeout);
      int result = DarwinLibc.instance().setsockopt(fd, DarwinNet.SOL_SOCKET, DarwinNet.SO_RCVTIMEO, timeval, timeval.length);
      check(result, "setsockopt(SO_RCVTIMEO)");
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        DarwinLibc.instance().close(fd);
      }
    }

    /** A closed descriptor's number may already belong to another file: never use it again. */
    private void requireOpen() {
      if (closed) {
        throw new IllegalStateException("socket " + fd + " is closed");
      }
    }

    private static void check(long result, String operation) {
      if (result < 0) {
        throw new SyscallException(operation, Native.getLastError());
      }
    }
  }
}
