package dev.hostbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher's log: bounded, and never a way for a link in the user's state directory to aim root's writes elsewhere. */
class BoundedLogTest {

  @TempDir Path dir;

  @Test
  void aFullLogBecomesDotOneAndANewOneBegins() throws Exception {
    Path file = dir.resolve("watch.log");
    BoundedLog log = new BoundedLog(file, 20);
    log.line("0123456789");
    log.line("abcdefghij");
    assertEquals("abcdefghij\n", Files.readString(file));
    assertEquals("0123456789\n", Files.readString(dir.resolve("watch.log.1")));
  }

  @Test
  void aSymbolicLinkAtTheLogsPlaceIsReplacedNotFollowed() throws Exception {
    Path elsewhere = dir.resolve("etc-passwd-stand-in");
    Files.writeString(elsewhere, "root:x:0:0\n");
    Path file = dir.resolve("watch.log");
    Files.createSymbolicLink(file, elsewhere);
    new BoundedLog(file, 1 << 20).line("watching");
    assertEquals("root:x:0:0\n", Files.readString(elsewhere), "the link's target is untouched");
    assertFalse(Files.isSymbolicLink(file));
    assertTrue(Files.readString(file).contains("watching"));
  }
}
