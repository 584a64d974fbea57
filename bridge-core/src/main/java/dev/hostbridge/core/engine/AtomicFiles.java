package dev.hostbridge.core.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Writes a file so that a reader sees either the old content or the new, never a mix: a temp
 * file in the same directory, fsync, atomic rename, then fsync of the directory.
 */
public final class AtomicFiles {

  private AtomicFiles() {}

  public static void write(Path target, byte[] content) throws IOException {
    write(target, content, null);
  }

  /** As {@link #write(Path, byte[])}, giving the new file these permissions before it appears. */
  public static void write(Path target, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      if (permissions != null) {
        Files.setPosixFilePermissions(temp, permissions);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("cannot replace " + target + " atomically on this file system", e);
      }
      syncDirectory(dir);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Makes a rename or create in {@code dir} durable; a no-op where directories cannot be opened. */
  public static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some file systems refuse to open or sync a directory; the rename itself was atomic.
    }
  }
}
