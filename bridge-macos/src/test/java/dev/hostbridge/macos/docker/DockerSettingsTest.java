package dev.hostbridge.macos.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerSettingsTest {

  @TempDir Path home;

  @Test
  void prefersTheNewerSettingsStore() throws IOException {
    assertEquals(Optional.empty(), DockerSettings.locate(home));
    Path old = FakeDockerApp.settings(home, "settings.json", "{}");
    assertEquals(Optional.of(old), DockerSettings.locate(home));
    Path store = FakeDockerApp.settings(home, "settings-store.json", "{}");
    assertEquals(Optional.of(store), DockerSettings.locate(home));
  }

  @Test
  void keysMatchWhateverTheirCase() throws IOException {
    DockerSettings camel = DockerSettings.read(FakeDockerApp.settings(home, "settings.json",
        "{\"useVirtualizationFramework\": false, \"cpus\": 4}"));
    assertEquals(Optional.of(false), camel.flag("UseVirtualizationFramework"));
    DockerSettings pascal = DockerSettings.read(FakeDockerApp.settings(home, "settings-store.json",
        "{\"UseLibkrun\": true}"));
    assertEquals(Optional.of(true), pascal.flag("useLibkrun"));
  }

  @Test
  void readsWrappedAndTextualBooleansAndIgnoresOtherValues() throws IOException {
    DockerSettings settings = DockerSettings.read(FakeDockerApp.settings(home, "settings.json",
        "{\"a\": {\"value\": true, \"locked\": true}, \"b\": \"false\", \"c\": 1, \"d\": \"maybe\"}"));
    assertEquals(Optional.of(true), settings.flag("a"));
    assertEquals(Optional.of(false), settings.flag("b"));
    assertEquals(Optional.empty(), settings.flag("c"));
    assertEquals(Optional.empty(), settings.flag("d"));
    assertEquals(Optional.empty(), settings.flag("missing"));
  }

  @Test
  void aFileThatIsNotAJsonObjectIsAnError() throws IOException {
    Path broken = FakeDockerApp.settings(home, "settings.json", "{\"cpus\": ");
    assertThrows(IOException.class, () -> DockerSettings.read(broken));
    Path array = FakeDockerApp.settings(home, "settings-store.json", "[true]");
    assertThrows(IOException.class, () -> DockerSettings.read(array));
  }
}
