package dev.hostbridge.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A log file that never grows past a bound: when the next line would take it past
 * {@code maxBytes}, it becomes {@code NAME.1} (replacing the older one) and a new file begins.
 * At most twice the bound is ever on disk. The boot service writes it as root into the user's state
 * directory, so a symbolic link there is never followed: it is removed, and the file opened with
 * O_NOFOLLOW (a link put back meanwhile costs the line, not a write elsewhere).
 */
final class BoundedLog {

  private final Path file;
  private final long maxBytes;

  BoundedLog(Path file, long maxBytes) {
    this.file = file;
    this.maxBytes = maxBytes;
  }

  synchronized void line(String text) {
    byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      if (Files.isSymbolicLink(file)) {
        Files.delete(file);
      }
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) + bytes.length > maxBytes) {
        Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
      }
      Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
