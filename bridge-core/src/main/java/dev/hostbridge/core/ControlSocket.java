package dev.hostbridge.core;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ErrorCode;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The watcher's control socket, {@code watch.sock} in the state directory: a Unix-domain socket
 * that answers {@code status} with one line, the status document, so that {@code host-bridge
 * status} needs no probe of its own while a watcher runs. It serves read-only requests only, to
 * any local user who can reach it; any other request is refused, and nothing it is sent can change
 * the machine.
 */
public final class ControlSocket implements AutoCloseable {

  public static final String FILE = "watch.sock";
  /** The one request there is. */
  public static final String STATUS = "status";
  static final int MAX_REQUEST = 256;
  static final Duration CLIENT_TIME = Duration.ofSeconds(2);

  private final Path path;
  private final ServerSocketChannel server;
  private final Thread acceptor;
  private final ScheduledExecutorService timeouts;

  private ControlSocket(Path path, ServerSocketChannel server, Supplier<String> statusDocument) {
    this.path = path;
    this.server = server;
    this.timeouts = Executors.newSingleThreadScheduledExecutor(daemon("host-bridge-control-timeout"));
    this.acceptor = daemon("host-bridge-control").newThread(() -> serve(statusDocument));
    acceptor.start();
  }

  /** Listens in {@code stateDir}; refuses when another watcher answers there already. */
  public static ControlSocket listen(Path stateDir, Supplier<String> statusDocument) {
    Path path = stateDir.resolve(FILE);
    try {
      Files.createDirectories(stateDir);
      if (Files.exists(path)) {
        if (ask(stateDir, STATUS, Duration.ofMillis(500)).isPresent()) {
          throw new BridgeException(ErrorCode.WATCH_RUNNING, "a watcher already answers on " + path,
              "Stop it first (host-bridge service uninstall, or end its process), or give this one another --state-dir.");
        }
        Files.delete(path); // left by a watcher that was killed
      }
      ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(path));
      // Any local user may ask for the status; nothing served changes the machine.
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw-rw-"));
      return new ControlSocket(path, server, statusDocument);
    } catch (IOException e) {
      throw new BridgeException(ErrorCode.WATCH_FAILED, "cannot listen on " + path + ": " + e.getMessage(),
          "Check that the state directory is writable and on a local file system.", e);
    }
  }

  /** Sends one request to the watcher of {@code stateDir}; empty when none answers in time. */
  public static Optional<String> ask(Path stateDir, String request, Duration timeout) {
    Path path = stateDir.resolve(FILE);
    if (!Files.exists(path)) {
      return Optional.empty();
    }
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(path));
      channel.write(ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.UTF_8)));
      channel.shutdownOutput();
      return Optional.of(readAll(channel, 16 * 1024 * 1024).strip());
    } catch (IOException e) {
      return Optional.empty(); // nobody listening: a socket file left by a watcher that was killed
    }
  }

  private void serve(Supplier<String> statusDocument) {
    while (server.isOpen()) {
      SocketChannel client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      // A client that sends nothing is cut off, so that it cannot hold the socket.
      var cutOff = timeouts.schedule(() -> closeQuietly(client), CLIENT_TIME.toMillis(), TimeUnit.MILLISECONDS);
      try (client) {
        String request = readAll(client, MAX_REQUEST).strip();
        String answer = STATUS.equals(request) ? statusDocument.get() : refusal(request);
        client.write(ByteBuffer.wrap((answer + "\n").getBytes(StandardCharsets.UTF_8)));
      } catch (IOException | RuntimeException e) {
        // that client's problem; the next one is served
      } finally {
        cutOff.cancel(false);
      }
    }
  }

  static String refusal(String request) {
    String shown = request.length() > 40 ? request.substring(0, 40) + "..." : request;
    return "{\"error\":{\"code\":\"" + ErrorCode.CONTROL_REFUSED.code() + "\",\"kind\":\"user\",\"message\":\"the watcher "
        + "serves only '" + STATUS + "', not '" + shown.replaceAll("[^A-Za-z0-9 ._-]", "?") + "'\",\"remedy\":\"Ask for "
        + STATUS + ".\"}}";
  }

  /** Reads until the peer stops sending, at most {@code limit} bytes (more is an error). */
  private static String readAll(SocketChannel channel, int limit) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(Math.min(limit + 1, 64 * 1024));
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    while (channel.read(buffer) >= 0) {
      buffer.flip();
      all.write(buffer.array(), 0, buffer.limit());
      buffer.clear();
      if (all.size() > limit) {
        throw new IOException("more than " + limit + " bytes");
      }
      String sofar = all.toString(StandardCharsets.UTF_8);
      if (limit == MAX_REQUEST && sofar.contains("\n")) {
        break; // a request is one line
      }
    }
    return all.toString(StandardCharsets.UTF_8);
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // already closed
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing for good
    }
    timeouts.shutdownNow();
    try {
      acceptor.join(2000);
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // a stale file is handled by the next watcher
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
