package dev.hostbridge.macos.net;

import dev.hostbridge.macos.jna.Errno;
import dev.hostbridge.macos.jna.RawSocket;
import dev.hostbridge.macos.jna.Sockets;
import dev.hostbridge.macos.jna.SyscallException;
import dev.hostbridge.macos.wire.DarwinNet;
import dev.hostbridge.macos.wire.InterfaceMessages;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Listens on a PF_ROUTE socket, where XNU announces every interface change (RTM_IFINFO) and
 * every address added or removed (RTM_NEWADDR, RTM_DELADDR), on a thread of its own, and passes on
 * the interface's name, found by its index ({@code getifaddrs}); empty when the interface is gone.
 * Reading needs no root. The thread sleeps in read(); a receive timeout of one second only lets it
 * notice that it was closed.
 */
final class RoutingSocketWatch implements AutoCloseable {

  private static final int BUFFER = 8192;

  private final RawSocket socket;
  private final Thread reader;
  private volatile boolean closed;

  RoutingSocketWatch(Sockets sockets, InterfaceDirectory directory, Consumer<String> onChange) {
    socket = sockets.open(DarwinNet.PF_ROUTE, DarwinNet.SOCK_RAW, DarwinNet.AF_UNSPEC, "watching interfaces");
    try {
      socket.receiveTimeout(Duration.ofSeconds(1));
    } catch (RuntimeException e) {
      socket.close();
      throw e;
    }
    reader = new Thread(() -> read(directory, onChange), "host-bridge-route-watch");
    reader.setDaemon(true);
    reader.start();
  }

  private void read(InterfaceDirectory directory, Consumer<String> onChange) {
    byte[] buffer = new byte[BUFFER];
    while (!closed) {
      int length;
      try {
        length = socket.read(buffer, "routing messages");
      } catch (SyscallException e) {
        if (e.errno() != Errno.EAGAIN && !closed) {
          onChange.accept(""); // ENOBUFS: messages were dropped; something changed
        }
        continue;
      }
      for (int index : InterfaceMessages.indexes(buffer, length)) {
        if (!closed) {
          onChange.accept(directory.byIndex(index).map(InterfaceDirectory.Listing::name).orElse(""));
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
    socket.close();
  }
}
