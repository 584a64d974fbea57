package dev.hostbridge.macos.privileged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact command line sudo is given; a sudoers rule written for it must keep matching. */
class HelperCommandLineTest {

  static final Path JAVA_HOME = Path.of("/Library/Java/JavaVirtualMachines/temurin-17.jdk/Contents/Home");
  static final Path JAR = Path.of("/opt/host-bridge/lib/host-bridge.jar");

  @Test
  void withATerminalSudoMayAskForThePassword() {
    assertEquals(List.of("/usr/bin/sudo", "--",
        "/Library/Java/JavaVirtualMachines/temurin-17.jdk/Contents/Home/bin/java", "-cp", "/opt/host-bridge/lib/host-bridge.jar",
        "dev.hostbridge.macos.privileged.HelperMain"), HelperCommandLine.argv(JAVA_HOME, List.of(JAR), true));
  }

  @Test
  void withoutATerminalSudoMustFailRatherThanWaitForAPassword() {
    assertEquals(List.of("/usr/bin/sudo", "-n", "--",
        "/Library/Java/JavaVirtualMachines/temurin-17.jdk/Contents/Home/bin/java", "-cp", "/opt/host-bridge/lib/host-bridge.jar",
        "dev.hostbridge.macos.privileged.HelperMain"), HelperCommandLine.argv(JAVA_HOME, List.of(JAR), false));
  }

  @Test
  void anEmbeddersJarsAreJoinedWithTheClassPathSeparator() {
    List<String> argv = HelperCommandLine.argv(JAVA_HOME, List.of(Path.of("/app/lib/bridge-macos.jar"), Path.of("/app/lib/jna.jar")), true);
    assertEquals("/app/lib/bridge-macos.jar:/app/lib/jna.jar", argv.get(argv.indexOf("-cp") + 1));
  }

  @Test
  void sudoIsGivenAbsolutePathsOnly() {
    assertThrows(IllegalArgumentException.class, () -> HelperCommandLine.argv(JAVA_HOME, List.of(Path.of("host-bridge.jar")), true));
    assertThrows(IllegalArgumentException.class, () -> HelperCommandLine.argv(Path.of("jdk"), List.of(JAR), true));
    assertThrows(IllegalArgumentException.class, () -> HelperCommandLine.argv(JAVA_HOME, List.of(), true));
  }
}
