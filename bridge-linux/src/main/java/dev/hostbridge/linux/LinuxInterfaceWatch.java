package dev.hostbridge.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import dev.hostbridge.linux.encoding.LinkEvents;
import dev.hostbridge.linux.encoding.Netlink;
import dev.hostbridge.linux.natives.Errors;
import dev.hostbridge.linux.natives.LinuxC;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Listens to the kernel's rtnetlink notifications of links and IPv4 addresses (RTNLGRP_LINK,
 * RTNLGRP_IPV4_IFADDR) on a thread of its own and passes on the names of the interfaces they are
 * about. The thread sleeps in recv() until the kernel has something to say; a receive timeout of
 * one second only lets it notice that it was closed.
 */
final class LinuxInterfaceWatch implements AutoCloseable {

  private static final int BUFFER = 64 * 1024;

  private final int fd;
  private final Thread reader;
  private volatile boolean closed;

  LinuxInterfaceWatch(Consumer<String> onChange, IntFunction<String> nameOf) {
    LinuxC c = LinuxC.INSTANCE;
    try {
      fd = c.socket(Netlink.AF_NETLINK, LinuxC.SOCK_RAW | LinuxC.SOCK_CLOEXEC, Netlink.NETLINK_ROUTE);
    } catch (LastErrorException e) {
      throw Errors.failed("open a netlink socket to watch interfaces", e);
    }
    try {
      // struct sockaddr_nl: family, pad, pid 0 (the kernel picks), the groups to join.
      byte[] address = ByteBuffer.allocate(12).order(ByteOrder.nativeOrder())
          .putShort((short) Netlink.AF_NETLINK).putShort((short) 0).putInt(0).putInt(LinkEvents.GROUPS).array();
      c.bind(fd, address, address.length);
      // struct timeval of 64-bit Linux: seconds and microseconds, a long each.
      byte[] timeout = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putLong(1).putLong(0).array();
      c.setsockopt(fd, LinuxC.SOL_SOCKET, LinuxC.SO_RCVTIMEO, timeout, timeout.length);
    } catch (LastErrorException e) {
      c.close(fd);
      throw Errors.failed("join the rtnetlink link and address groups", e);
    }
    reader = new Thread(() -> read(onChange, nameOf), "host-bridge-netlink-watch");
    reader.setDaemon(true);
    reader.start();
  }

  private void read(Consumer<String> onChange, IntFunction<String> nameOf) {
    byte[] buffer = new byte[BUFFER];
    while (!closed) {
      int length;
      try {
        length = LinuxC.INSTANCE.recv(fd, buffer, new NativeLong(buffer.length), 0).intValue();
      } catch (LastErrorException e) {
        if (e.getErrorCode() == LinuxC.EAGAIN || e.getErrorCode() == LinuxC.EINTR) {
          continue; // the receive timeout: look at closed again
        }
        if (!closed) {
          // ENOBUFS: the kernel dropped notifications; something changed, so say so.
          onChange.accept("");
        }
        continue;
      }
      for (String name : LinkEvents.interfaces(buffer, length, nameOf)) {
        if (!closed) {
          onChange.accept(name);
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      reader.join(3000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LinuxC.INSTANCE.close(fd);
  }
}
