package dev.hostbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The error catalogue is one place: the enum, the README's table of it, and no code spelled out elsewhere. */
class ErrorCatalogueTest {

  static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  @Test
  void theReadmeListsEveryCodeWithItsKindAndExitCode() throws IOException {
    String readme = Files.readString(REPO.resolve("README.md"));
    for (ErrorCode code : ErrorCode.values()) {
      String row = "| `" + code.code() + "` | " + code.kind().name().toLowerCase(Locale.ROOT) + " | "
          + ExitCodes.of(code.kind()) + " | " + code.meaning() + " |";
      assertTrue(readme.contains(row), "the README's error table lacks or misstates: " + row);
    }
    Matcher rows = Pattern.compile("\n\\| `([a-z0-9.*-]+)` \\| [a-z]+ \\| [0-9] \\|").matcher(readme);
    List<String> listed = new ArrayList<>();
    while (rows.find()) {
      listed.add(rows.group(1));
    }
    assertEquals(ErrorCode.values().length, listed.size(), "a README row for a code that is not in the catalogue: " + listed);
  }

  @Test
  void noModuleSpellsOutACodeInsteadOfUsingTheCatalogue() throws IOException {
    Pattern literal = Pattern.compile("new BridgeException\\(\\s*\"[a-z]");
    List<String> offenders = new ArrayList<>();
    for (String module : List.of("bridge-api", "bridge-core", "bridge-macos", "bridge-linux", "bridge-cli")) {
      try (Stream<Path> files = Files.walk(REPO.resolve(module).resolve("src/main/java"))) {
        for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          if (literal.matcher(Files.readString(file)).find()) {
            offenders.add(REPO.relativize(file).toString());
          }
        }
      }
    }
    assertEquals(List.of(), offenders);
  }

  @Test
  void familiesResolveTheirDetails() {
    assertEquals("macos.syscall.eperm", ErrorCode.MACOS_SYSCALL.code("eperm"));
    assertEquals(ErrorCode.MACOS_SYSCALL, ErrorCode.of("macos.syscall.eperm").orElseThrow());
    assertEquals(ErrorCode.DOCKER_UNREACHABLE, ErrorCode.of("docker.unreachable").orElseThrow());
    assertTrue(ErrorCode.of("myplugin.broken").isEmpty());
  }
}
