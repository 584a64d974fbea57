package dev.hostbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hostbridge.api.BridgeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exact command line sudo is given; a sudoers rule written for it must keep matching. */
class HelperCommandLineTest {

  static final Path JAVA_HOME = Path.of("/Library/Java/JavaVirtualMachines/temurin-17.jdk/Contents/Home");
  static final Path JAR = Path.of("/opt/host-bridge/host-bridge.jar");

  @Test
  void withATerminalSudoMayAskForThePassword() {
    assertEquals(List.of("/usr/bin/sudo", "--",
        "/Library/Java/JavaVirtualMachines/temurin-17.jdk/Contents/Home/bin/java", "-cp", "/opt/host-bridge/host-bridge.jar",
        "dev.hostbridge.cli.ElevatedHelperMain"), HelperCommandLine.argv(JAVA_HOME, JAR, true));
  }

  @Test
  void withoutATerminalSudoMustFailRatherThanWaitForAPassword() {
    assertEquals(List.of("/usr/bin/sudo", "-n", "--",
        "/Library/Java/JavaVirtualMachines/temurin-17.jdk/Contents/Home/bin/java", "-cp", "/opt/host-bridge/host-bridge.jar",
        "dev.hostbridge.cli.ElevatedHelperMain"), HelperCommandLine.argv(JAVA_HOME, JAR, false));
  }

  @Test
  void sudoIsGivenAbsolutePathsOnly() {
    assertThrows(IllegalArgumentException.class, () -> HelperCommandLine.argv(JAVA_HOME, Path.of("host-bridge.jar"), true));
    assertThrows(IllegalArgumentException.class, () -> HelperCommandLine.argv(Path.of("jdk"), JAR, true));
  }

  @Test
  void onlyThePackagedJarCanStartTheHelper(@TempDir Path dir) throws IOException {
    BridgeException classes = assertThrows(BridgeException.class, () -> HelperCommandLine.requireJar(dir));
    assertEquals("helper.no-jar", classes.code());
    assertEquals(BridgeException.Kind.PREREQUISITE, classes.kind());
    Path notAJar = Files.createFile(dir.resolve("host-bridge.txt"));
    assertThrows(BridgeException.class, () -> HelperCommandLine.requireJar(notAJar));
    Path jar = Files.createFile(dir.resolve("host-bridge.jar"));
    assertEquals(jar, HelperCommandLine.requireJar(dir.resolve("sub/../host-bridge.jar")));
  }

  @Test
  void theseTestsRunFromClassesSoThereIsNoJarToReExecute() {
    // Maven runs them from target/classes: the lookup must say so, not hand sudo a directory.
    assertEquals("helper.no-jar", assertThrows(BridgeException.class, HelperCommandLine::runningJar).code());
  }
}
