package dev.hostbridge.core.engine;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.BridgeException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Keeps two runs from changing the machine at once: an exclusive lock on a file in the state directory. */
public final class StateLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;

  private StateLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  public static StateLock acquire(Path stateDir) {
    Path file = stateDir.resolve("lock");
    try {
      Files.createDirectories(stateDir);
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new BridgeException(ErrorCode.STATE_LOCKED, "another host-bridge run is changing this machine (it holds " + file + ")",
            "Wait for it to finish, then run the command again.");
      }
      return new StateLock(channel, lock);
    } catch (IOException e) {
      throw new BridgeException(ErrorCode.STATE_UNWRITABLE, "cannot use the state directory " + stateDir + ": " + e.getMessage(),
          "Check its permissions or choose another with --state-dir.", e);
    }
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
