package dev.hostbridge.example.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the example as a user would, and checks what it printed and what it left. */
class EmbeddingExampleTest {

  @TempDir Path state;

  @Test
  void plansInstallsAndUninstallsItsStepInItsOwnStateDirectory() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int applied = EmbeddingExample.run(state, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(1, applied, out);
    assertTrue(out.contains("plan: embedding-marker PENDING"), out);
    assertTrue(out.contains("event: applied embedding-marker"), out);
    assertTrue(out.contains("status: complete=true, journal=[embedding-marker]"), out);
    assertTrue(out.contains("event: reverted embedding-marker"), out);
    assertTrue(out.contains("after uninstall: journal=[]"), out);
    assertFalse(Files.exists(state.resolve("marker.txt")), "uninstall took the marker away");
    assertTrue(Files.exists(state.resolve("journal")), "the journal lives where the embedder said");
  }
}
