package dev.hostbridge.macos.net;

import dev.hostbridge.macos.jna.Errno;
import dev.hostbridge.macos.jna.RawSocket;
import dev.hostbridge.macos.jna.Sockets;
import dev.hostbridge.macos.jna.SyscallException;
import dev.hostbridge.macos.wire.IfReq;
import dev.hostbridge.macos.wire.IoctlRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Sockets that answer as a scripted kernel would, and remember every call, so that the platform
 * logic (what it sends, in which order, which errors it tolerates) is tested without a Mac.
 */
final class FakeKernel implements Sockets {

  record Opened(int domain, int type, int protocol) {}

  /** One call: "ioctl SIOCAIFADDR", "write", "read" or "timeout", with the bytes passed in. */
  record Call(String what, byte[] bytes) {}

  final List<Opened> opened = new ArrayList<>();
  final List<Call> calls = new ArrayList<>();
  int closed;

  /** errno to fail an ioctl with, by request name. */
  final Map<String, Integer> ioctlErrno = new HashMap<>();
  /** What SIOCGIFFLAGS reports. */
  int interfaceFlags;
  /** errno to fail a write with; 0 to succeed. */
  int writeErrno;
  /** Messages the kernel has for a reader after a write, computed from what was written. */
  Function<byte[], List<byte[]>> answers = written -> List.of();

  private final Deque<byte[]> pending = new ArrayDeque<>();

  @Override
  public RawSocket open(int domain, int type, int protocol, String purpose) {
    opened.add(new Opened(domain, type, protocol));
    return new RawSocket() {
      @Override
      public void ioctl(IoctlRequest request, byte[] struct, String subject) {
        calls.add(new Call("ioctl " + request.name(), struct.clone()));
        Integer errno = ioctlErrno.get(request.name());
        if (errno != null) {
          throw new SyscallException(request.name() + " " + subject, errno);
        }
        if (request.equals(IoctlRequest.SIOCGIFFLAGS)) {
          ByteBuffer.wrap(struct).order(ByteOrder.LITTLE_ENDIAN).putShort(IfReq.IFNAMSIZ, (short) interfaceFlags);
        }
      }

      @Override
      public int write(byte[] message, String subject) {
        calls.add(new Call("write", message.clone()));
        if (writeErrno != 0) {
          throw new SyscallException("write of " + subject, writeErrno);
        }
        pending.addAll(answers.apply(message));
        return message.length;
      }

      @Override
      public int read(byte[] buffer, String subject) {
        calls.add(new Call("read", new byte[0]));
        byte[] next = pending.poll();
        if (next == null) {
          throw new SyscallException("read of " + subject, Errno.EAGAIN); // as SO_RCVTIMEO would
        }
        System.arraycopy(next, 0, buffer, 0, next.length);
        return next.length;
      }

      @Override
      public void receiveTimeout(Duration timeout) {
        calls.add(new Call("timeout", new byte[0]));
      }

      @Override
      public void close() {
        closed++;
      }
    };
  }

  List<String> callNames() {
    return calls.stream().map(Call::what).toList();
  }

  List<byte[]> written() {
    return calls.stream().filter(c -> c.what().equals("write")).map(Call::bytes).toList();
  }

  byte[] ioctlBytes(String requestName) {
    return calls.stream().filter(c -> c.what().equals("ioctl " + requestName)).reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no ioctl " + requestName + " in " + callNames())).bytes();
  }
}
