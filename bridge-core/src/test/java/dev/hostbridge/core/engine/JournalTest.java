package dev.hostbridge.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.BridgeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

  @TempDir Path dir;
  final Instant now = Instant.parse("2026-11-29T10:15:30Z");

  @Test
  void survivesARoundTripWithAwkwardValues() {
    Path file = dir.resolve("journal");
    Journal journal = Journal.load(file);
    journal.begin("launcher-shim", now);
    journal.record("launcher-shim", "original", "/Applications/Docker Ü.app/a&b=c\td\nnext");
    journal.record("launcher-shim", "sha256", "ab12");
    journal.commit("launcher-shim", now.plusSeconds(1));
    journal.begin("host-address", now);

    Journal again = Journal.load(file);
    assertEquals(2, again.entries().size());
    JournalEntry shim = again.entries().get(0);
    assertEquals(JournalEntry.State.APPLIED, shim.state());
    assertEquals(now.plusSeconds(1), shim.at());
    assertEquals(Map.of("original", "/Applications/Docker Ü.app/a&b=c\td\nnext", "sha256", "ab12"), shim.records());
    assertEquals(JournalEntry.State.APPLYING, again.entries().get(1).state());
  }

  @Test
  void beginningAStepAgainKeepsItsPlaceAndRecords() {
    Journal journal = Journal.load(dir.resolve("journal"));
    journal.begin("a", now);
    journal.record("a", "k", "v");
    journal.commit("a", now);
    journal.begin("b", now);
    journal.commit("b", now);
    journal.begin("a", now);
    assertEquals("a", journal.entries().get(0).stepId());
    assertEquals("v", journal.entries().get(0).records().get("k"));
  }

  @Test
  void aDamagedJournalIsReportedNotGuessed() throws Exception {
    Path file = dir.resolve("journal");
    Files.writeString(file, Journal.HEADER + "\nlauncher-shim\tAPPLIED\tnot-a-time\t\n");
    BridgeException e = assertThrows(BridgeException.class, () -> Journal.load(file));
    assertEquals("journal.corrupt", e.code());
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }

  @Test
  void aMissingJournalIsEmpty() {
    assertTrue(Journal.load(dir.resolve("nothing/here")).isEmpty());
  }
}
