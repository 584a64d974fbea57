package dev.hostbridge.core.engine;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Keeps two runs from changing the machine at once: an exclusive lock (the operating system's,
 * fcntl) on {@code lock} in the state directory, with the holder's pid and command written in it.
 * The system releases the lock when its holder dies, so a run that was killed never blocks the
 * next. A run that finds the lock held waits a little (the watcher holds it only while it
 * repairs), then fails naming the holder.
 */
public final class StateLock implements AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(10);
  private static final long POLL_MILLIS = 100;

  private final FileChannel channel;
  private final FileLock lock;

  private StateLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  public static StateLock acquire(Path stateDir) {
    return acquire(stateDir, WAIT);
  }

  static StateLock acquire(Path stateDir, Duration wait) {
    Path file = stateDir.resolve("lock");
    try {
      Files.createDirectories(stateDir);
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      long deadline = System.nanoTime() + wait.toNanos();
      FileLock lock = tryLock(channel);
      while (lock == null && System.nanoTime() < deadline) {
        Thread.sleep(POLL_MILLIS);
        lock = tryLock(channel);
      }
      if (lock == null) {
        String holder = holder(file);
        channel.close();
        throw new BridgeException(ErrorCode.STATE_LOCKED, "another host-bridge run is changing this machine: " + holder
            + " holds " + file + " (waited " + wait.toMillis() / 1000.0 + " s)",
            "Wait for it to finish (a watcher holds it only while it repairs), then run the command again.");
      }
      // Whoever finds it held can say who holds it.
      String me = ProcessHandle.current().pid() + "\t" + ProcessHandle.current().info().commandLine().orElse("host-bridge");
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      return new StateLock(channel, lock);
    } catch (IOException e) {
      throw new BridgeException(ErrorCode.STATE_UNWRITABLE, "cannot use the state directory " + stateDir + ": " + e.getMessage(),
          "Check its permissions (and free space), or choose another with --state-dir.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BridgeException(ErrorCode.INTERRUPTED, "interrupted while waiting for " + file, "Run the command again.", e);
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by this very process
    }
  }

  /** "pid 1234 (java -jar host-bridge.jar watch)", from what the holder wrote. */
  static String holder(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      int tab = text.indexOf('\t');
      if (tab > 0) {
        String command = text.substring(tab + 1);
        // A long class path sits in the middle: keep the program and what it was asked to do.
        String shown = command.length() > 200 ? command.substring(0, 80) + " ... " + command.substring(command.length() - 100) : command;
        return "pid " + text.substring(0, tab) + " (" + shown + ")";
      }
    } catch (IOException e) {
      // fall through: say what is known
    }
    return "a process";
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // Closing the channel releases the lock in any case.
    }
  }
}
