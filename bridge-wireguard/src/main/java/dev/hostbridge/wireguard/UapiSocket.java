package dev.hostbridge.wireguard;

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
  private static final java.time.Duration CLIENT_TIME = java.time.Duration.ofSeconds(2);

  private final LocalSocketServer server;

  private UapiSocket(LocalSocketServer server) {
    this.server = server;
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
    return new UapiSocket(LocalSocketServer.start(path, server, "host-bridge-uapi", CLIENT_TIME, true, client -> answer(client, endpoint)));
  }

  /** The answer to {@code get=1} from the interface {@code interfaceName}; empty when nothing answers there. */
  public static Optional<String> get(Path runDir, String interfaceName) {
    Path path = socketPath(runDir, interfaceName);
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(path));
      channel.write(ByteBuffer.wrap("get=1\n\n".getBytes(StandardCharsets.US_ASCII)));
      String answer = LocalSocketServer.read(channel, 16 << 20, UapiSocket::endsWithBlankLine);
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

  private static void answer(SocketChannel client, WireGuardEndpoint endpoint) throws IOException {
    String request = LocalSocketServer.read(client, MAX_REQUEST, UapiSocket::endsWithBlankLine);
    String operation = request.lines().findFirst().orElse("");
    String reply = switch (operation) {
      case "get=1" -> Uapi.describe(endpoint, endpoint.privateKey(), endpoint.localAddress().getPort());
      case "set=1" -> "errno=1\n\n"; // EPERM: this endpoint is configured from its file
      default -> "";
    };
    client.write(ByteBuffer.wrap(reply.getBytes(StandardCharsets.US_ASCII)));
  }

  /** The userspace API ends a request, and an answer, with an empty line. */
  private static boolean endsWithBlankLine(String sofar) {
    return sofar.startsWith("\n") || sofar.contains("\n\n");
  }

  /** Stops answering and removes the socket file. */
  @Override
  public void close() {
    server.close();
  }
}
