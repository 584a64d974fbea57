package dev.hostbridge.core.docker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends {@code GET /_ping} straight over the socket, with a deadline. This answers "is a daemon
 * there?" in a few milliseconds, without starting a full Docker client.
 */
public final class PingProbe implements EndpointProbe {

  private final Duration timeout;

  public PingProbe(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public Optional<String> problem(DockerEndpoint endpoint) {
    SocketAddress address;
    String scheme = endpoint.uri().getScheme();
    if ("unix".equals(scheme)) {
      Path socket = Path.of(endpoint.uri().getPath());
      if (!Files.exists(socket)) {
        return Optional.of("no socket at " + socket);
      }
      address = UnixDomainSocketAddress.of(socket);
    } else if ("tcp".equals(scheme)) {
      int port = endpoint.uri().getPort();
      if (endpoint.uri().getHost() == null || port < 1 || port > 65535) {
        return Optional.of("'" + endpoint.uri() + "' names no host and port (tcp://host:port)");
      }
      address = new InetSocketAddress(endpoint.uri().getHost(), port);
      if (((InetSocketAddress) address).isUnresolved()) {
        return Optional.of("cannot resolve " + endpoint.uri().getHost());
      }
    } else {
      return Optional.of("unsupported scheme '" + scheme + "'");
    }
    try {
      String reply = exchange(address);
      if (reply.startsWith("HTTP/1.1 200") || reply.startsWith("HTTP/1.0 200")) {
        return Optional.empty();
      }
      int end = reply.indexOf('\r');
      return Optional.of("answered '" + (end > 0 ? reply.substring(0, end) : reply) + "' instead of a Docker ping");
    } catch (IOException | RuntimeException e) {
      return Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  private String exchange(SocketAddress address) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (SocketChannel channel = SocketChannel.open(address instanceof UnixDomainSocketAddress
            ? java.net.StandardProtocolFamily.UNIX : java.net.StandardProtocolFamily.INET);
        Selector selector = Selector.open()) {
      channel.configureBlocking(false);
      if (!channel.connect(address)) {
        channel.register(selector, SelectionKey.OP_CONNECT);
        await(selector, deadline, "connecting");
        channel.finishConnect();
      }
      ByteBuffer request = ByteBuffer.wrap(
          "GET /_ping HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      channel.register(selector, SelectionKey.OP_WRITE);
      while (request.hasRemaining()) {
        await(selector, deadline, "sending the ping");
        channel.write(request);
      }
      channel.register(selector, SelectionKey.OP_READ);
      ByteBuffer response = ByteBuffer.allocate(512);
      while (response.hasRemaining()) {
        await(selector, deadline, "waiting for the answer");
        int read = channel.read(response);
        if (read < 0 || containsLineEnd(response)) {
          break;
        }
      }
      return new String(response.array(), 0, response.position(), StandardCharsets.ISO_8859_1);
    }
  }

  private static boolean containsLineEnd(ByteBuffer buffer) {
    for (int i = 0; i < buffer.position(); i++) {
      if (buffer.get(i) == '\n') {
        return true;
      }
    }
    return false;
  }

  private static void await(Selector selector, long deadline, String what) throws IOException {
    long left = deadline - System.nanoTime();
    if (left <= 0 || selector.select(Math.max(1, left / 1_000_000)) == 0) {
      throw new IOException("timed out " + what);
    }
    selector.selectedKeys().clear();
  }
}
