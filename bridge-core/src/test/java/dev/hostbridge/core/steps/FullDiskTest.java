package dev.hostbridge.core.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ConfigKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state directory on a full disk (a small tmpfs): install fails before it changes anything, and says why. */
class FullDiskTest {

  @TempDir Path root;
  Path mount;

  static boolean run(String... argv) throws Exception {
    return new ProcessBuilder(argv).redirectErrorStream(true).start().waitFor() == 0;
  }

  @AfterEach
  void unmount() throws Exception {
    if (mount != null) {
      run("umount", "-l", mount.toString()); // lazily: the JVM may still hold a descriptor there
      run("rmdir", mount.toString());
    }
  }

  @Test
  void aFullStateDirectoryStopsInstallBeforeAnyChange() throws Exception {
    boolean isRoot = "root".equals(System.getProperty("user.name"));
    if (!isRoot && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("needs root to mount a tmpfs, and CI must provide it");
    }
    Assumptions.assumeTrue(isRoot, "needs root to mount a tmpfs; skipped outside CI");
    mount = Files.createTempDirectory("hb-full-disk-");
    Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount.toString()), "cannot mount a tmpfs here");
    // Fill it: what is left is less than a journal needs.
    run("sh", "-c", "dd if=/dev/zero of=" + mount.resolve("filler") + " bs=4k 2>/dev/null; true");

    FakeMachine machine = new FakeMachine(root.resolve("mac"));
    machine.settings.put(ConfigKey.STATE_DIR, mount.resolve("state").toString());
    machine.settings.put(ConfigKey.SUBNET, "10.0.75.0/24");
    machine.settings.put(ConfigKey.GATEWAY, "10.0.75.1");
    machine.settings.put(ConfigKey.LAUNCHER, machine.launcher.toString());
    machine.settings.put(ConfigKey.RESTART_COMMAND, "true");
    BridgeException e = assertThrows(BridgeException.class, machine.bridge()::install);
    assertTrue(List.of("state.unwritable", "journal.unwritable").contains(e.code()), e.code() + ": " + e.getMessage());
    assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("space"), "says why: " + e.getMessage());
    assertArrayEquals(FakeMachine.LAUNCHER_BYTES, machine.launcherBytes(), "the launcher is untouched");
    assertTrue(machine.platform.deviceOwners.isEmpty(), "no device was claimed");
    assertTrue(machine.docker.networks.isEmpty(), "no network was made");
    assertEquals(0, machine.platform.restarts);
  }
}
