package dev.hostbridge.linux.natives;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import dev.hostbridge.linux.encoding.Netlink;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicInteger;

/** Sends one rtnetlink request to the kernel and returns its errno (0 when acknowledged). */
public final class NetlinkSocket {

  private static final AtomicInteger SEQUENCE = new AtomicInteger((int) (System.nanoTime() & 0xffff));

  private NetlinkSocket() {}

  public static int nextSequence() {
    return SEQUENCE.incrementAndGet();
  }

  public static int request(String operation, byte[] message, int seq) {
    LinuxC c = LinuxC.INSTANCE;
    int fd;
    try {
      fd = c.socket(Netlink.AF_NETLINK, LinuxC.SOCK_RAW | LinuxC.SOCK_CLOEXEC, Netlink.NETLINK_ROUTE);
    } catch (LastErrorException e) {
      throw Errors.failed(operation + ": netlink socket", e);
    }
    try {
      byte[] kernel = ByteBuffer.allocate(12).order(ByteOrder.nativeOrder()).putShort((short) Netlink.AF_NETLINK).array();
      c.sendto(fd, message, new NativeLong(message.length), 0, kernel, kernel.length);
      byte[] reply = new byte[8192];
      int length = c.recv(fd, reply, new NativeLong(reply.length), 0).intValue();
      return Netlink.acknowledgement(reply, length, seq);
    } catch (LastErrorException e) {
      throw Errors.failed(operation, e);
    } finally {
      c.close(fd);
    }
  }
}
