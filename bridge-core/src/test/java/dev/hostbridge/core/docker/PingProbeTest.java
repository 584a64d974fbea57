package dev.hostbridge.core.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PingProbeTest {

  @TempDir Path dir;

  /** A one-shot server on a unix socket that reads the request and sends {@code reply} (null: never answers). */
  Thread serve(ServerSocketChannel server, String reply, StringBuilder request) {
    Thread thread = new Thread(() -> {
      try (SocketChannel client = server.accept()) {
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        client.read(buffer);
        request.append(new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII));
        if (reply == null) {
          Thread.sleep(2000);
        } else {
          client.write(ByteBuffer.wrap(reply.getBytes(StandardCharsets.US_ASCII)));
        }
      } catch (Exception e) {
        // the test reads what the probe concluded
      }
    });
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  Optional<String> probe(String reply, StringBuilder request, Duration timeout) throws Exception {
    Path socket = dir.resolve("docker.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      serve(server, reply, request);
      return new PingProbe(timeout).problem(new DockerEndpoint(URI.create("unix://" + socket), "test"));
    }
  }

  @Test
  void aDockerPingAnswerIsSuccess() throws Exception {
    StringBuilder request = new StringBuilder();
    assertEquals(Optional.empty(), probe("HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\n\r\nOK", request, Duration.ofSeconds(2)));
    assertTrue(request.toString().startsWith("GET /_ping HTTP/1.1\r\n"), request.toString());
  }

  @Test
  void anotherServerIsNotDocker() throws Exception {
    Optional<String> problem = probe("HTTP/1.1 404 Not Found\r\n\r\n", new StringBuilder(), Duration.ofSeconds(2));
    assertTrue(problem.orElseThrow().contains("404"), problem.toString());
  }

  @Test
  void aSilentServerTimesOut() throws Exception {
    Optional<String> problem = probe(null, new StringBuilder(), Duration.ofMillis(200));
    assertTrue(problem.orElseThrow().contains("timed out"), problem.toString());
  }

  @Test
  void aMissingSocketIsNamed() {
    Optional<String> problem = new PingProbe(Duration.ofSeconds(1))
        .problem(new DockerEndpoint(URI.create("unix://" + dir.resolve("none.sock")), "test"));
    assertTrue(problem.orElseThrow().startsWith("no socket at"), problem.toString());
  }
}
