package dev.hostbridge.macos.privileged;

import dev.hostbridge.testkit.FakePlatform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.HostPlatform;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class HelperMainTest {

  static final String MAC = "Mac OS X";

  final FakePlatform platform = new FakePlatform("macos");

  {
    // The tap that hyperkit opened, as the root platform would find it.
    platform.addInterface("tap1", null);
  }

  final ByteArrayOutputStream answers = new ByteArrayOutputStream();
  final ByteArrayOutputStream log = new ByteArrayOutputStream();
  boolean platformMade;

  final Supplier<HostPlatform> platforms = () -> {
    platformMade = true;
    return platform;
  };

  int run(String[] args, String osName, RootCheck root, String requests) {
    return HelperMain.run(args, osName, root, platforms,
        new ByteArrayInputStream(requests.getBytes(StandardCharsets.UTF_8)), answers, new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  String answers() {
    return answers.toString(StandardCharsets.UTF_8);
  }

  void assertRefusedBeforeAnything(int exitCode, String why) {
    assertEquals(HelperMain.REFUSED, exitCode);
    assertEquals("", answers(), "no banner: the user's side reports that the helper did not start");
    assertTrue(log.toString(StandardCharsets.UTF_8).contains(why), log.toString(StandardCharsets.UTF_8));
    assertTrue(!platformMade && platform.calls.isEmpty(), "nothing was touched");
  }

  @Test
  void refusesUnlessRoot() {
    assertRefusedBeforeAnything(run(new String[0], MAC, () -> false, "set-link\ttap1\tup\n"), "must run as root");
  }

  @Test
  void refusesOnAnythingButMacos() {
    assertRefusedBeforeAnything(run(new String[0], "Linux", () -> true, "set-link\ttap1\tup\n"), "it is for macOS");
  }

  @Test
  void refusesArguments() {
    assertRefusedBeforeAnything(run(new String[] {"set-link"}, MAC, () -> true, ""), "takes no arguments");
  }

  @Test
  void asRootOnMacosItServesAllowListedRequestsUntilItsInputEnds() {
    int exitCode = run(new String[0], MAC, () -> true, "set-link\ttap1\tup\nchmod\t777\t/etc\nclaim-device\ttap1\tada\n");
    assertEquals(HelperMain.SERVED, exitCode);
    String[] lines = answers().split("\n");
    assertEquals(HelperProtocol.BANNER, lines[0]);
    assertEquals("ok", lines[1]);
    assertTrue(lines[2].startsWith("error\thelper.refused\t"), lines[2]);
    assertEquals("ok", lines[3]);
    assertEquals(4, lines.length);
    assertEquals(List.of("setUp tap1 true", "claim tap1 ada"), platform.calls);
  }

  @Test
  void aPlatformThatCannotBeMadeStopsItBeforeTheBanner() {
    int exitCode = HelperMain.run(new String[0], MAC, () -> true, () -> {
      throw new IllegalStateException("no libc");
    }, new ByteArrayInputStream(new byte[0]), answers, new PrintStream(log, true, StandardCharsets.UTF_8));
    assertEquals(HelperMain.FAILED, exitCode);
    assertEquals("", answers());
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("no libc"));
  }
}
