package dev.hostbridge.macos.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.macos.testing.FakeRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoPlistTest {

  @TempDir Path dir;
  final FakeRunner runner = new FakeRunner();

  @Test
  void readsTopLevelStringsOfARealLookingPlistWithoutFetchingItsDtd() throws IOException {
    // The DOCTYPE names Apple's DTD by URL; parsing must neither fetch it nor fail without network.
    Path plist = Files.writeString(dir.resolve("Info.plist"), FakeDockerApp.infoPlist("4.12.0"));
    Map<String, String> values = InfoPlist.read(plist, runner);
    assertEquals("4.12.0", values.get("CFBundleShortVersionString"));
    assertEquals("com.docker.docker", values.get("CFBundleIdentifier"));
    assertFalse(values.containsKey("LSUIElement"), "only string values are kept");
    assertTrue(runner.commands.isEmpty());
  }

  @Test
  void neverExpandsAnExternalEntity() throws IOException {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
    String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE plist [<!ENTITY leak SYSTEM \"" + secret.toUri() + "\">]>\n"
        + "<plist version=\"1.0\"><dict><key>CFBundleShortVersionString</key><string>&leak;</string></dict></plist>";
    Optional<Map<String, String>> parsed = InfoPlist.parse(xml.getBytes(StandardCharsets.UTF_8));
    String version = parsed.map(m -> m.getOrDefault("CFBundleShortVersionString", "")).orElse("");
    assertFalse(version.contains("TOP-SECRET"), "the entity was expanded: " + version);
  }

  @Test
  void somethingElseIsNotAPlist() {
    assertEquals(Optional.empty(), InfoPlist.parse("<html><dict/></html>".getBytes(StandardCharsets.UTF_8)));
    assertEquals(Optional.empty(), InfoPlist.parse("not xml".getBytes(StandardCharsets.UTF_8)));
    assertEquals(Optional.empty(), InfoPlist.parse("<plist><array/></plist>".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aMissingFileGivesNothing() {
    assertEquals(Map.of(), InfoPlist.read(dir.resolve("none.plist"), runner));
  }

  @Test
  void aBinaryPlistIsConvertedByPlutil() throws IOException {
    Path plist = Files.write(dir.resolve("Info.plist"), "bplist00\u0000\u0001binary".getBytes(StandardCharsets.ISO_8859_1));
    runner.behaviour = argv -> FakeRunner.result(0, FakeDockerApp.infoPlist("4.3.2"));
    assertEquals("4.3.2", InfoPlist.read(plist, runner).get("CFBundleShortVersionString"));
    assertEquals(List.of(List.of("/usr/bin/plutil", "-convert", "xml1", "-o", "-", plist.toString())), runner.commands);
  }

  @Test
  void anUnconvertibleBinaryPlistGivesNothing() throws IOException {
    Path plist = Files.write(dir.resolve("Info.plist"), "bplist00xx".getBytes(StandardCharsets.ISO_8859_1));
    runner.behaviour = argv -> FakeRunner.result(1, "damaged");
    assertEquals(Map.of(), InfoPlist.read(plist, runner));
  }

  /** Files that are not what they claim are refused at once: no hang on a FIFO, no reading a huge file. */
  @Test
  void aFifoAHugeFileAndAnExternalEntityAreRefusedWithoutHanging() throws Exception {
    Path fifo = dir.resolve("Info.plist.fifo");
    org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "no mkfifo");
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
        () -> assertEquals(java.util.Map.of(), InfoPlist.read(fifo, runner)));
    Path huge = dir.resolve("Huge.plist");
    try (var out = java.nio.file.Files.newOutputStream(huge)) {
      byte[] chunk = new byte[64 * 1024];
      for (int i = 0; i < 40; i++) {
        out.write(chunk);
      }
    }
    assertEquals(java.util.Map.of(), InfoPlist.read(huge, runner));
    java.nio.file.Files.writeString(dir.resolve("secret"), "s3cret");
    Path entity = dir.resolve("Entity.plist");
    java.nio.file.Files.writeString(entity, "<?xml version=\"1.0\"?>\n<!DOCTYPE plist [<!ENTITY x SYSTEM \"file://"
        + dir.resolve("secret") + "\">]>\n<plist version=\"1.0\"><dict><key>CFBundleShortVersionString</key><string>&x;</string>"
        + "</dict></plist>\n");
    assertTrue(InfoPlist.read(entity, runner).values().stream().noneMatch(v -> v.contains("s3cret")));
    assertTrue(runner.commands.isEmpty(), "nothing was run");
  }

  @Test
  void aSettingsFileThatIsAFifoOrHugeIsAnErrorNotAHang() throws Exception {
    Path fifo = dir.resolve("settings-store.json");
    org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "no mkfifo");
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
        () -> org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> DockerSettings.read(fifo)));
    Path huge = dir.resolve("settings.json");
    java.nio.file.Files.writeString(huge, "{\"a\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}");
    java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> DockerSettings.read(huge));
    assertTrue(e.getMessage().contains("more than any such file holds"), e.getMessage());
  }
}
