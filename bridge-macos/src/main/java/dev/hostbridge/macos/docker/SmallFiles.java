package dev.hostbridge.macos.docker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the small files of Docker Desktop (Info.plist, the settings) without trusting them to be
 * what they claim: only a regular file (a FIFO would block the read for ever), and only up to a
 * bound (one far larger than any real one), so that neither a hang nor a huge file can stop a run.
 */
final class SmallFiles {

  /** Docker Desktop's Info.plist and settings files are a few kilobytes. */
  static final int MAX_BYTES = 1024 * 1024;

  private SmallFiles() {}

  static byte[] read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + " is not a regular file");
    }
    long size = Files.size(file);
    if (size > MAX_BYTES) {
      throw new IOException(file + " has " + size + " bytes, more than any such file holds (" + MAX_BYTES + ")");
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] content = in.readNBytes(MAX_BYTES + 1);
      if (content.length > MAX_BYTES) {
        throw new IOException(file + " grew past " + MAX_BYTES + " bytes while it was read");
      }
      return content;
    }
  }
}
