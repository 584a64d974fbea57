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
 * about. The thread sleeps in poll() on the netlink socket and on a pipe that {@link #close()}
 * writes to, so an idle watch uses no CPU at all: nothing wakes it but the kernel or its close.
 */
final class LinuxInterfaceWatch implements AutoCloseable {

  private static final int BUFFER = 64 * 1024;
  private static final int O_CLOEXEC = 0x80000;

  private final int fd;
  private final int[] wake = new int[2];
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
      c.pipe2(wake, O_CLOEXEC);
    } catch (LastErrorException e) {
      c.close(fd);
      throw Errors.failed("join the rtnetlink link and address groups", e);
    }
    reader = new Thread(() -> read(onChange, nameOf), "host-bridge-netlink-watch");
    reader.setDaemon(true);
    reader.start();
  }

  private void read(Consumer<String> onChange, IntFunction<String> nameOf) {
    LinuxC c = LinuxC.INSTANCE;
    byte[] buffer = new byte[BUFFER];
    // Two struct pollfd: the netlink socket, and the pipe's read end.
    byte[] fds = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder())
        .putInt(fd).putShort(LinuxC.POLLIN).putShort((short) 0)
        .putInt(wake[0]).putShort(LinuxC.POLLIN).putShort((short) 0).array();
    while (!closed) {
      try {
        c.poll(fds, new NativeLong(2), -1);
      } catch (LastErrorException e) {
        if (e.getErrorCode() == LinuxC.EINTR) {
          continue;
        }
        return;
      }
      if (closed) {
        return;
      }
      int length;
      try {
        length = c.recv(fd, buffer, new NativeLong(buffer.length), 0x40 /* MSG_DONTWAIT */).intValue();
      } catch (LastErrorException e) {
        if (e.getErrorCode() != LinuxC.EAGAIN && e.getErrorCode() != LinuxC.EINTR) {
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
    LinuxC c = LinuxC.INSTANCE;
    try {
      c.write(wake[1], new byte[] {1}, new NativeLong(1));
      reader.join(3000);
    } catch (LastErrorException e) {
      // the reader is woken by nothing else; it is a daemon thread and ends with the process
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    c.close(fd);
    c.close(wake[0]);
    c.close(wake[1]);
  }
}
