package dev.hostbridge.wireguard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An endpoint's userspace-API socket, {@code <run dir>/<interface>.sock}, where {@code wg show}
 * (and {@code host-bridge wireguard show}) ask a userspace WireGuard about itself. It answers
 * {@code get=1} and refuses {@code set=1} with {@code errno=1}: the endpoint takes its
 * configuration from its file, not from here. The answer holds the private key, so the socket is
 * its owner's alone (mode 0600), and it appears with that mode: it is bound in a private directory
 * and then renamed into place.
 */
public final class UapiSocket implements AutoCloseable {

  /** Where wireguard-go puts its sockets and where {@code wg} looks for them. */
  public static final Path RUN_DIR = Path.of("/var/run/wireguard");
  private static final int MAX_REQUEST = 4096;
  private static final long CLIENT_MILLIS = 2000;

  private final Path path;
  private final ServerSocketChannel server;
  private final ExecutorService clients;
  private final java.util.concurrent.ScheduledExecutorService deadlines;
  private final Thread acceptor;

  private UapiSocket(Path path, ServerSocketChannel server, WireGuardEndpoint endpoint) {
    this.path = path;
    this.server = server;
    this.clients = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "host-bridge-uapi-client");
      thread.setDaemon(true);
      return thread;
    });
    this.deadlines = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "host-bridge-uapi-deadline");
      thread.setDaemon(true);
      return thread;
    });
    this.acceptor = new Thread(() -> accept(endpoint), "host-bridge-uapi");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * Listens for {@code interfaceName} in {@code runDir} (made, mode 0755, when absent). A socket
   * file that answers belongs to a live interface of that name, and is refused; one that does not
   * was left by a process that died, and is replaced.
   */
  public static UapiSocket listen(Path runDir, String interfaceName, WireGuardEndpoint endpoint) throws IOException {
    Path path = socketPath(runDir, interfaceName);
    Files.createDirectories(runDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    if (Files.exists(path) && get(runDir, interfaceName).isPresent()) {
      throw new FileAlreadyExistsException(path.toString(), null, "another WireGuard interface named " + interfaceName + " answers there");
    }
    Path staging = Files.createTempDirectory(runDir, ".host-bridge-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path bound = staging.resolve("uapi.sock");
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      server.bind(UnixDomainSocketAddress.of(bound));
      Files.setPosixFilePermissions(bound, PosixFilePermissions.fromString("rw-------"));
      Files.move(bound, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      server.close();
      Files.deleteIfExists(bound);
      throw e;
    } finally {
      Files.deleteIfExists(staging);
    }
    return new UapiSocket(path, server, endpoint);
  }

  /** The answer to {@code get=1} from the interface {@code interfaceName}; empty when nothing answers there. */
  public static Optional<String> get(Path runDir, String interfaceName) {
    Path path = socketPath(runDir, interfaceName);
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(path));
      channel.write(ByteBuffer.wrap("get=1\n\n".getBytes(StandardCharsets.US_ASCII)));
      String answer = readUntilBlankLine(channel, 16 << 20);
      return answer.isEmpty() ? Optional.empty() : Optional.of(answer);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** {@code <runDir>/<name>.sock} for an interface name of 1 to 15 of the characters such names have. */
  public static Path socketPath(Path runDir, String interfaceName) {
    if (!interfaceName.matches("[A-Za-z0-9_=+.-]{1,15}") || interfaceName.matches("\\.+")) {
      throw new IllegalArgumentException("\"" + interfaceName + "\" is not an interface name (1 to 15 letters, digits or _=+.-)");
    }
    return runDir.resolve(interfaceName + ".sock");
  }

  private void accept(WireGuardEndpoint endpoint) {
    while (server.isOpen()) {
      SocketChannel client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      clients.execute(() -> answer(client, endpoint));
    }
  }

  private void answer(SocketChannel client, WireGuardEndpoint endpoint) {
    // A client that sends nothing is cut off: closing its channel ends the read below.
    var deadline = deadlines.schedule(() -> close(client), CLIENT_MILLIS, TimeUnit.MILLISECONDS);
    try (client) {
      String request = readUntilBlankLine(client, MAX_REQUEST);
      String operation = request.lines().findFirst().orElse("");
      String reply = switch (operation) {
        case "get=1" -> Uapi.describe(endpoint, endpoint.privateKey(), endpoint.localAddress().getPort());
        case "set=1" -> "errno=1\n\n"; // EPERM: this endpoint is configured from its file
        default -> "";
      };
      client.write(ByteBuffer.wrap(reply.getBytes(StandardCharsets.US_ASCII)));
    } catch (IOException | RuntimeException e) {
      // that client's problem; the next is served
    } finally {
      deadline.cancel(false);
    }
  }

  /** Reads up to and including the first empty line (or the end), at most {@code limit} bytes. */
  private static String readUntilBlankLine(SocketChannel channel, int limit) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(4096);
    while (channel.read(buffer) >= 0) {
      all.write(buffer.array(), 0, buffer.position());
      buffer.clear();
      if (all.size() > limit) {
        throw new IOException("more than " + limit + " bytes");
      }
      String sofar = all.toString(StandardCharsets.US_ASCII);
      if (sofar.startsWith("\n") || sofar.contains("\n\n")) {
        break;
      }
    }
    return all.toString(StandardCharsets.US_ASCII);
  }

  private static void close(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // closed already
    }
  }

  /** Stops answering and removes the socket file. */
  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing for good
    }
    clients.shutdownNow();
    deadlines.shutdownNow();
    try {
      acceptor.join(2000);
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // the next listener replaces a file that does not answer
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
