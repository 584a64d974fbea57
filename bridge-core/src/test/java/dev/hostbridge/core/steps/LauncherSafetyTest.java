package dev.hostbridge.core.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.api.PlanBlockedException;
import dev.hostbridge.api.PlannedStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A launcher behind a symbolic link, or in a directory anyone can write, is refused before any change. */
class LauncherSafetyTest {

  @TempDir Path root;

  PlannedStep launcherStep(FakeMachine machine) {
    return machine.bridge().plan().steps().stream().filter(s -> s.id().equals("launcher-shim")).findFirst().orElseThrow();
  }

  @Test
  void aLauncherThatIsASymbolicLinkIsRefused() throws Exception {
    FakeMachine machine = new FakeMachine(root);
    Path link = root.resolve("elsewhere/com.docker.hyperkit");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, machine.launcher);
    machine.settings.put(ConfigKey.LAUNCHER, link.toString());
    PlannedStep step = launcherStep(machine);
    assertEquals("launcher.unsafe", step.status().code(), step.toString());
    assertTrue(step.status().reason().contains("symbolic link"), step.status().reason());
    assertThrows(PlanBlockedException.class, machine.bridge()::install);
    assertArrayEquals(FakeMachine.LAUNCHER_BYTES, machine.launcherBytes());
    assertTrue(Files.isSymbolicLink(link), "the link is left as it was");
  }

  @Test
  void aLauncherInADirectoryAnyoneCanWriteIsRefused() throws Exception {
    FakeMachine machine = new FakeMachine(root);
    Files.setPosixFilePermissions(machine.launcher.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
    machine.settings.put(ConfigKey.LAUNCHER, machine.launcher.toString());
    PlannedStep step = launcherStep(machine);
    assertEquals("launcher.unsafe", step.status().code());
    assertTrue(step.status().remedy().contains("chmod o-w"), step.status().remedy());
    assertThrows(PlanBlockedException.class, machine.bridge()::install);
    assertArrayEquals(FakeMachine.LAUNCHER_BYTES, machine.launcherBytes());
  }
}
