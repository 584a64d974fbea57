package dev.hostbridge.macos.privileged;

import dev.hostbridge.testkit.FakePlatform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.HostPlatform;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The macOS platform reaches root by itself: what an embedder gets is what the command gets. */
class PrivilegesTest {

  final StringWriter notices = new StringWriter();
  final FakePlatform user = new FakePlatform("macos");
  final FakePlatform root = new FakePlatform("macos");

  {
    // The tap that hyperkit opened, as the root platform would find it.
    root.addInterface("tap1", null);
  }

  final List<PipedHelperProcess> helpers = new ArrayList<>();

  /** The real helper loop on a thread, serving {@link #root}, in place of sudo. */
  HostPlatform wrap(RootCheck rootCheck, Map<String, String> environment) {
    PrintWriter out = new PrintWriter(notices, true);
    return Privileges.wrap(user, environment, rootCheck,
        () -> new HelperProcessChannel(() -> List.of("sudo", "stand-in"), false, argv -> {
          PipedHelperProcess helper = new PipedHelperProcess(root);
          helpers.add(helper);
          return helper;
        }, out), out);
  }

  @Test
  void asAUserChangesGoToTheHelperWhichEndsWhenThePlatformCloses() throws Exception {
    HostPlatform platform = wrap(() -> false, Map.of());
    assertInstanceOf(ElevatedPlatform.class, platform);
    assertEquals("macos", platform.name());

    platform.interfaces().find("tap1");
    assertEquals(List.of(), helpers, "reading needs no root, so no helper yet");

    platform.interfaces().setUp("tap1", true);
    platform.tapDevices().claim("tap1", "ada");
    assertEquals(1, helpers.size());
    assertEquals(List.of("setUp tap1 true", "claim tap1 ada"), root.calls);
    assertEquals(List.of("find tap1"), user.calls, "no change reached the user's platform");

    ((AutoCloseable) platform).close();
    assertTrue(helpers.get(0).waitFor(5, TimeUnit.SECONDS), "closing the platform ended the helper's input, so it exited");
    assertEquals(HelperMain.SERVED, helpers.get(0).exitValue());
  }

  @Test
  void asRootThePlatformIsUsedAsItIs() {
    assertSame(user, wrap(() -> true, Map.of()));
    assertEquals("", notices.toString());
  }

  @Test
  void rootThroughSudoIsWarnedAboutAndChangesNothingElse() {
    assertSame(user, wrap(() -> true, Map.of("SUDO_USER", "ada")));
    String warning = notices.toString();
    assertTrue(warning.startsWith("host-bridge: warning: running as root through sudo."), warning);
    assertTrue(warning.contains("run host-bridge as ada, without sudo"), warning);
    assertTrue(warning.contains("Docker Desktop must keep running as ada"), warning);
    assertFalse(warning.contains("%"), warning);
  }

  @Test
  void theHelpersClassPathIsWhereItsClassesCameFrom() {
    List<java.nio.file.Path> classPath = HelperCommandLine.classPath();
    assertTrue(classPath.stream().allMatch(java.nio.file.Path::isAbsolute), classPath.toString());
    assertTrue(classPath.stream().anyMatch(p -> p.toString().contains("bridge-macos")), classPath.toString());
    assertTrue(classPath.stream().anyMatch(p -> p.toString().contains("jna")), classPath.toString());
    List<String> argv = HelperCommandLine.ofThisProcess(false);
    assertEquals(List.of("/usr/bin/sudo", "-n", "--"), argv.subList(0, 3));
    assertEquals(HelperMain.class.getName(), argv.get(argv.size() - 1));
  }
}
