package dev.hostbridge.wireguard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * What a small local request-and-answer socket needs besides its protocol: a daemon thread that
 * accepts clients on a bound Unix-domain socket, a deadline after which a client that has not
 * finished is cut off (so that a silent one cannot hold the socket), each client's failure kept to
 * itself, and on close the socket file removed. The userspace-API socket ({@link UapiSocket}) and
 * the watcher's control socket use it; each says how a conversation goes.
 */
public final class LocalSocketServer implements AutoCloseable {

  /** One client's exchange: read its request, write the answer. The channel is closed afterwards. */
  @FunctionalInterface
  public interface Conversation {
    void hold(SocketChannel client) throws IOException;
  }

  private final Path path;
  private final ServerSocketChannel server;
  private final ExecutorService clients;
  private final ScheduledExecutorService deadlines;
  private final Thread acceptor;

  private LocalSocketServer(Path path, ServerSocketChannel server, String name, Duration clientTime, boolean concurrent,
      Conversation conversation) {
    this.path = path;
    this.server = server;
    this.clients = concurrent ? Executors.newCachedThreadPool(daemon(name + "-client")) : null;
    this.deadlines = Executors.newSingleThreadScheduledExecutor(daemon(name + "-deadline"));
    this.acceptor = daemon(name).newThread(() -> accept(clientTime, conversation));
    acceptor.start();
  }

  /**
   * Serves {@code server}, bound at {@code path}, on threads named after {@code name}: each client
   * gets {@code clientTime}; {@code concurrent} clients are served side by side, otherwise one after
   * the other on the accepting thread.
   */
  public static LocalSocketServer start(Path path, ServerSocketChannel server, String name, Duration clientTime, boolean concurrent,
      Conversation conversation) {
    return new LocalSocketServer(path, server, name, clientTime, concurrent, conversation);
  }

  private void accept(Duration clientTime, Conversation conversation) {
    while (server.isOpen()) {
      SocketChannel client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      Runnable exchange = () -> converse(client, clientTime, conversation);
      if (clients != null) {
        clients.execute(exchange);
      } else {
        exchange.run();
      }
    }
  }

  private void converse(SocketChannel client, Duration clientTime, Conversation conversation) {
    // A client that has not finished in time is cut off: closing its channel ends any read or write.
    var deadline = deadlines.schedule(() -> closeQuietly(client), clientTime.toMillis(), TimeUnit.MILLISECONDS);
    try (client) {
      conversation.hold(client);
    } catch (IOException | RuntimeException e) {
      // that client's problem; the next one is served
    } finally {
      deadline.cancel(false);
    }
  }

  /**
   * Reads from {@code channel} until {@code complete} holds for what came so far, or the peer stops
   * sending; more than {@code limit} bytes is an error.
   */
  public static String read(SocketChannel channel, int limit, Predicate<String> complete) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(Math.min(limit + 1, 64 * 1024));
    while (channel.read(buffer) >= 0) {
      all.write(buffer.array(), 0, buffer.position());
      buffer.clear();
      if (all.size() > limit) {
        throw new IOException("more than " + limit + " bytes");
      }
      if (complete.test(all.toString(StandardCharsets.UTF_8))) {
        break;
      }
    }
    return all.toString(StandardCharsets.UTF_8);
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // closed already
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Stops answering and removes the socket file. */
  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing for good
    }
    if (clients != null) {
      clients.shutdownNow();
    }
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
