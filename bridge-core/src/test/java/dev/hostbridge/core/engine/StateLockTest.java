package dev.hostbridge.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.BridgeException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state lock against another process: named while it lives, taken over once it is killed. */
class StateLockTest {

  @TempDir Path state;

  @Test
  void aLiveHolderIsNamedAndAKilledOneIsTakenOver() throws Exception {
    Process holder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
        System.getProperty("java.class.path"), LockHolder.class.getName(), state.toString()).redirectErrorStream(true).start();
    try {
      assertEquals("held", new BufferedReader(new InputStreamReader(holder.getInputStream())).readLine());
      long started = System.nanoTime();
      BridgeException e = assertThrows(BridgeException.class, () -> StateLock.acquire(state, Duration.ofMillis(500)));
      assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(400), "it waited before giving up");
      assertEquals("state.locked", e.code());
      assertEquals(BridgeException.Kind.PLATFORM, e.kind(), "exit 1");
      assertTrue(e.getMessage().contains("pid " + holder.pid() + " ("), e.getMessage());
      assertTrue(e.getMessage().contains(LockHolder.class.getName()), "names its command: " + e.getMessage());
    } finally {
      holder.destroyForcibly().waitFor(); // SIGKILL: no chance to unlock
    }
    try (StateLock taken = StateLock.acquire(state, Duration.ofSeconds(5))) {
      assertTrue(StateLock.holder(state.resolve("lock")).contains("pid " + ProcessHandle.current().pid()));
    }
  }
}
