package dev.hostbridge.macos.jna;

import dev.hostbridge.macos.wire.IoctlRequest;
import java.time.Duration;

/** An open socket descriptor; each method is one system call and throws {@link SyscallException} on failure. */
public interface RawSocket extends AutoCloseable {

  /** {@code ioctl(fd, request, struct)}: the kernel may write back into {@code struct}. */
  void ioctl(IoctlRequest request, byte[] struct, String subject);

  /** {@code write(fd, message)}; returns the count written. */
  int write(byte[] message, String subject);

  /** {@code read(fd, buffer)}; returns the count read. */
  int read(byte[] buffer, String subject);

  /** {@code setsockopt(SOL_SOCKET, SO_RCVTIMEO)}, so that a read cannot block forever. */
  void receiveTimeout(Duration timeout);

  @Override
  void close();
}
