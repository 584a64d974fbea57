package dev.hostbridge.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the JDK's interface list out of the macOS platform: on macOS it omits every interface
 * without an address, so a fresh tap looks absent (the defect that stopped the last step on every
 * Mac). The JDK class may be named in prose; no import or qualified use of it may come back.
 */
class NoJdkInterfaceListTest {

  @Test
  void theMainCodeNeverUsesJavaNetNetworkInterface() throws IOException {
    Path main = Path.of("src/main/java");
    try (Stream<Path> files = Files.walk(main)) {
      List<String> offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
        try {
          return Files.readString(p).contains("java.net.NetworkInterface");
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).map(Path::toString).toList();
      assertEquals(List.of(), offenders);
    }
  }
}
