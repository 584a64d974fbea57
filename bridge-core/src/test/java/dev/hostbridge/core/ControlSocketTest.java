package dev.hostbridge.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.BridgeException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher's control socket serves status only, to anyone, and cannot be held or flooded. */
class ControlSocketTest {

  @TempDir Path state;
  final AtomicInteger asked = new AtomicInteger();

  ControlSocket listen() {
    return ControlSocket.listen(state, () -> {
      asked.incrementAndGet();
      return "{\"command\":\"status\",\"complete\":true}";
    });
  }

  @Test
  void statusIsAnsweredAndTheSocketIsForEveryLocalUser() throws Exception {
    try (ControlSocket socket = listen()) {
      assertEquals(Optional.of("{\"command\":\"status\",\"complete\":true}"),
          ControlSocket.ask(state, ControlSocket.STATUS, Duration.ofSeconds(2)));
      assertEquals(PosixFilePermissions.fromString("rw-rw-rw-"), Files.getPosixFilePermissions(state.resolve(ControlSocket.FILE)));
    }
    assertFalse(Files.exists(state.resolve(ControlSocket.FILE)), "closing removes it");
    assertEquals(Optional.empty(), ControlSocket.ask(state, ControlSocket.STATUS, Duration.ofSeconds(1)));
  }

  @Test
  void anyOtherRequestIsRefusedAndChangesNothing() throws Exception {
    try (ControlSocket socket = listen()) {
      for (String request : new String[] {"install", "uninstall --yes", "status; rm -rf /", "STATUS", ""}) {
        String answer = ControlSocket.ask(state, request, Duration.ofSeconds(2)).orElseThrow();
        assertTrue(answer.contains("\"code\":\"control.refused\""), request + " -> " + answer);
      }
      assertEquals(0, asked.get(), "the status document was never made for them");
    }
  }

  @Test
  void aHugeRequestIsCutOffAndTheNextClientIsServed() throws Exception {
    try (ControlSocket socket = listen()) {
      try (SocketChannel flood = SocketChannel.open(StandardProtocolFamily.UNIX)) {
        flood.connect(UnixDomainSocketAddress.of(state.resolve(ControlSocket.FILE)));
        ByteBuffer tenMegabytes = ByteBuffer.allocate(10 * 1024 * 1024);
        try {
          while (tenMegabytes.hasRemaining()) {
            flood.write(tenMegabytes);
          }
        } catch (java.io.IOException e) {
          // the watcher hung up on it, as it should
        }
      }
      assertTrue(ControlSocket.ask(state, ControlSocket.STATUS, Duration.ofSeconds(2)).orElseThrow().contains("\"complete\":true"));
    }
  }

  @Test
  void aSilentClientDoesNotHoldTheSocket() throws Exception {
    try (ControlSocket socket = listen(); SocketChannel silent = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      silent.connect(UnixDomainSocketAddress.of(state.resolve(ControlSocket.FILE)));
      long started = System.nanoTime();
      assertTrue(ControlSocket.ask(state, ControlSocket.STATUS, Duration.ofSeconds(5)).isPresent());
      assertTrue(System.nanoTime() - started < Duration.ofSeconds(4).toNanos(), "served after the silent one was cut off");
    }
  }

  /** A watcher that was stopped (SIGSTOP) still has its socket: the kernel accepts, nobody answers; the asker gives up in time. */
  @Test
  @org.junit.jupiter.api.Timeout(value = 30, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD) // without a deadline it waits for ever
  void anAnswerThatNeverComesDoesNotHoldTheAsker() throws Exception {
    try (java.nio.channels.ServerSocketChannel mute = java.nio.channels.ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      mute.bind(UnixDomainSocketAddress.of(state.resolve(ControlSocket.FILE)));
      assertEquals(Optional.empty(), ControlSocket.ask(state, ControlSocket.STATUS, Duration.ofMillis(300)));
    }
  }

  @Test
  void aSecondWatcherOnTheSameStateDirectoryIsRefused() {
    try (ControlSocket first = listen()) {
      BridgeException e = assertThrows(BridgeException.class, this::listen);
      assertEquals("watch.running", e.code());
    }
  }
}
