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
import java.util.function.Supplier;

/**
 * The watcher's control socket, {@code watch.sock} in the state directory: a Unix-domain socket
 * that answers {@code status} with one line, the status document, so that {@code host-bridge
 * status} needs no probe of its own while a watcher runs. It serves read-only requests only, to
 * any local user who can reach it; any other request is refused, and nothing it is sent can change
 * the machine.
 */
public final class ControlSocket implements AutoCloseable {

  /** The socket's file name inside the state directory. */
  public static final String FILE = "watch.sock";
  /** The one request there is; the answer to it is the status document. */
  public static final String STATUS = "status";
  static final int MAX_REQUEST = 256;
  static final Duration CLIENT_TIME = Duration.ofSeconds(2);

  private final dev.hostbridge.wireguard.LocalSocketServer server;

  private ControlSocket(dev.hostbridge.wireguard.LocalSocketServer server) {
    this.server = server;
  }

  /**
   * Listens in {@code stateDir}; refuses when another watcher answers there already. A socket file
   * that nobody answers on (left by a watcher that was killed) is replaced. Any local user who can
   * reach the file may connect. Clients are served one at a time, on the socket's own daemon
   * thread; each gets 2 s for its request and answer, then is cut off.
   *
   * @param stateDir the state directory; it is made when missing
   * @param statusDocument gives the status document, one line, for each {@code status} request;
   *     called on the socket's thread, so it must answer well within the 2 s a client has
   * @return the socket, answering; close it to stop answering and remove its file
   * @throws BridgeException with code {@code watch.running} when another watcher answers in
   *     {@code stateDir}, or {@code watch.failed} when the socket cannot be made there
   */
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
      // One client at a time, on the accepting thread: a flood of clients waits, it takes no threads.
      return new ControlSocket(dev.hostbridge.wireguard.LocalSocketServer.start(path, server, "host-bridge-control", CLIENT_TIME, false,
          client -> answer(client, statusDocument)));
    } catch (IOException e) {
      throw new BridgeException(ErrorCode.WATCH_FAILED, "cannot listen on " + path + ": " + e.getMessage(),
          "Check that the state directory is writable and on a local file system.", e);
    }
  }

  /**
   * How long a caller waits for the watcher: more than twice the 2 s a watcher gives each client,
   * so that one silent client ahead in the queue does not make a live watcher look absent.
   */
  public static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

  /**
   * Sends one request to the watcher of {@code stateDir} and reads its answer, up to 16 MiB. It
   * waits until the watcher has answered and closed the connection (a watcher cuts each client off
   * 2 s after its turn begins), the exchange fails, or {@code timeout} has passed since the call
   * began: a watcher that is stopped (SIGSTOP) or stuck, whose socket the kernel still accepts
   * connections on, does not hold the caller.
   *
   * @param stateDir the state directory the watcher serves
   * @param request the request, one line without its newline; {@link #STATUS} is the only one served
   * @param timeout how long the whole exchange may take, connecting included
   * @return the answer without surrounding white space: the status document for {@link #STATUS},
   *     a JSON error with code {@code control.refused} for any other request, or what came before
   *     the watcher cut the client off (possibly an empty string); empty when there is no socket
   *     file, nobody answers on it, the exchange fails, or it took longer than {@code timeout}
   */
  public static Optional<String> ask(Path stateDir, String request, Duration timeout) {
    Path path = stateDir.resolve(FILE);
    if (!Files.exists(path)) {
      return Optional.empty();
    }
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      // Closing the channel ends a blocked connect or read (AsynchronousCloseException).
      java.util.concurrent.CompletableFuture<Void> deadline = java.util.concurrent.CompletableFuture.runAsync(() -> {
        try {
          channel.close();
        } catch (IOException e) {
          // closing for good
        }
      }, java.util.concurrent.CompletableFuture.delayedExecutor(Math.max(1, timeout.toMillis()), java.util.concurrent.TimeUnit.MILLISECONDS));
      try {
        channel.connect(UnixDomainSocketAddress.of(path));
        channel.write(ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.UTF_8)));
        channel.shutdownOutput();
        String answer = dev.hostbridge.wireguard.LocalSocketServer.read(channel, 16 * 1024 * 1024, sofar -> false).strip();
        return Optional.of(answer); // read whole: a deadline that fires now changes nothing
      } finally {
        deadline.cancel(false);
      }
    } catch (IOException e) {
      return Optional.empty(); // nobody listening (a socket file left by a watcher that was killed), or too slow
    }
  }

  private static void answer(SocketChannel client, Supplier<String> statusDocument) throws IOException {
    // A request is one line.
    String request = dev.hostbridge.wireguard.LocalSocketServer.read(client, MAX_REQUEST, sofar -> sofar.contains("\n")).strip();
    String answer = STATUS.equals(request) ? statusDocument.get() : refusal(request);
    client.write(ByteBuffer.wrap((answer + "\n").getBytes(StandardCharsets.UTF_8)));
  }

  static String refusal(String request) {
    String shown = request.length() > 40 ? request.substring(0, 40) + "..." : request;
    return "{\"error\":{\"code\":\"" + ErrorCode.CONTROL_REFUSED.code() + "\",\"kind\":\"user\",\"message\":\"the watcher "
        + "serves only '" + STATUS + "', not '" + shown.replaceAll("[^A-Za-z0-9 ._-]", "?") + "'\",\"remedy\":\"Ask for "
        + STATUS + ".\"}}";
  }

  /** Stops answering and removes the socket file. */
  @Override
  public void close() {
    server.close();
  }
}
