package dev.hostbridge.core.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.api.StepStatus;
import dev.hostbridge.core.HostBridge;
import dev.hostbridge.core.Settings;
import dev.hostbridge.testkit.FakePlatform;
import dev.hostbridge.testkit.FakeServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The boot service's own copy of host-bridge: root's, read-only, named by its content, in a
 * directory only root can write; the jar a person runs stays theirs, and changing it later changes
 * nothing that runs as root. (Ownership is checked as uid 0: these tests run as root, as CI does.)
 */
class ServiceProgramTest {

  @TempDir Path root;
  Path jar;
  FakeServices services;

  @BeforeEach
  void asRoot() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "the copy is checked to be root's: run as root");
    jar = root.resolve("home/ada/host-bridge/lib/host-bridge.jar");
    Files.createDirectories(jar.getParent());
    Files.write(jar, "the jar's bytes".getBytes());
    services = new FakeServices(root.resolve("etc/systemd/system/host-bridge.service"));
  }

  HostBridge bridge(ServiceProgram program) {
    FakePlatform platform = new FakePlatform();
    platform.services = services;
    BridgeConfig config = Settings.builder().osName("Linux").home(root).environment(Map.of())
        .set(ConfigKey.STATE_DIR, root.resolve("state/service").toString()).build();
    return HostBridge.builder(config).platform(platform).withoutBuiltInSteps().discoverPlugins(false).addStep(program).build();
  }

  @Test
  void theServiceRunsARootOwnedReadOnlyCopyNamedByItsContentAndUninstallRemovesIt() throws Exception {
    ServiceProgram program = ServiceProgram.of(jar, services.programDirectory());
    assertTrue(program.copy().getFileName().toString().matches("host-bridge-[0-9a-f]{16}\\.jar"), program.copy().toString());
    HostBridge bridge = bridge(program);
    assertEquals(StepStatus.State.PENDING, bridge.plan().steps().get(0).status().state());
    bridge.install();
    assertArrayEquals(Files.readAllBytes(jar), Files.readAllBytes(program.copy()));
    assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(program.copy())));
    assertEquals(StepStatus.State.SATISFIED, bridge.plan().steps().get(0).status().state());

    // The user's jar changes (an upgrade, or something worse): the copy root runs does not.
    Files.write(jar, "other bytes".getBytes());
    assertArrayEquals("the jar's bytes".getBytes(), Files.readAllBytes(program.copy()));
    assertFalse(ServiceProgram.of(jar, services.programDirectory()).copy().equals(program.copy()), "another content, another name");

    // A copy changed in place is no longer taken for this host-bridge.
    Files.setPosixFilePermissions(program.copy(), PosixFilePermissions.fromString("rw-r--r--"));
    Files.write(program.copy(), "tampered".getBytes());
    assertEquals(StepStatus.State.PENDING, bridge.plan().steps().get(0).status().state());

    bridge.uninstall();
    assertFalse(Files.exists(program.copy()));
    assertFalse(Files.exists(services.programDirectory()), "the directory went with its last copy");
  }

  @Test
  void aReinstallOfAnotherVersionReplacesTheEarlierCopyAndUninstallLeavesNoCopyBehind() throws Exception {
    ServiceProgram first = ServiceProgram.of(jar, services.programDirectory());
    bridge(first).install();
    Files.write(jar, "the next version".getBytes());
    ServiceProgram second = ServiceProgram.of(jar, services.programDirectory());
    HostBridge upgraded = bridge(second);
    assertEquals(StepStatus.State.PENDING, upgraded.plan().steps().get(0).status().state());
    upgraded.install();
    assertTrue(Files.exists(second.copy()));
    assertFalse(Files.exists(first.copy()), "the service runs the new copy; the old one goes");
    upgraded.uninstall();
    assertFalse(Files.exists(services.programDirectory()));
  }

  @Test
  void aDirectoryThatIsALinkIsRefusedForItCouldLeadAnywhere() throws Exception {
    Path elsewhere = Files.createDirectories(root.resolve("home/ada/mine"));
    Files.createDirectories(services.programDirectory().getParent());
    Files.createSymbolicLink(services.programDirectory(), elsewhere);
    StepStatus status = bridge(ServiceProgram.of(jar, services.programDirectory())).plan().steps().get(0).status();
    assertEquals("service.program-unsafe", status.code(), status.toString());
  }

  @Test
  void aDirectoryOthersCanWriteIsRefusedBeforeAnythingIsCopied() throws Exception {
    Path directory = services.programDirectory();
    Files.createDirectories(directory);
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
    ServiceProgram program = ServiceProgram.of(jar, directory);
    StepStatus status = bridge(program).plan().steps().get(0).status();
    assertEquals(StepStatus.State.BLOCKED, status.state());
    assertEquals("service.program-unsafe", status.code());
    assertTrue(status.remedy().contains("chmod go-w"), status.remedy());
    assertEquals(List.of(), List.of(directory.toFile().list()));
  }
}
