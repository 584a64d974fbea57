package dev.hostbridge.core.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.BridgeException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs({OS.LINUX, OS.MAC})
class CommandRunnerTest {

  final CommandRunner runner = new CommandRunner(Duration.ofSeconds(20));

  @Test
  void capturesExitCodeAndBothStreams() {
    CommandRunner.Result result = runner.run(List.of("/bin/sh", "-c", "echo out; echo err >&2; exit 3"));
    assertEquals(3, result.exitCode());
    assertFalse(result.succeeded());
    assertTrue(result.output().contains("out") && result.output().contains("err"), result.output());
  }

  @Test
  void argumentsArePassedVerbatimWithoutAShell() {
    CommandRunner.Result result = runner.run(List.of("/bin/echo", "a b", "$HOME", "'q'"));
    assertTrue(result.succeeded());
    assertEquals("a b $HOME 'q'", result.output().strip());
  }

  @Test
  void theProgramReadsAnEmptyInput() {
    // Nothing may wait for input that never comes: stdin is closed at once.
    CommandRunner.Result result = runner.run(List.of("/bin/cat"), Duration.ofSeconds(5));
    assertEquals(new CommandRunner.Result(0, ""), result);
  }

  @Test
  void aTimeoutOfTheCallWinsOverTheRunnersDefault() {
    long start = System.nanoTime();
    BridgeException e = assertThrows(BridgeException.class, () -> runner.run(List.of("/bin/sleep", "30"), Duration.ofMillis(300)));
    assertEquals("command.timeout", e.code());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0, "stopped, not waited for");
  }

  @Test
  void theRunnersDefaultTimeoutApplies() {
    BridgeException e = assertThrows(BridgeException.class,
        () -> new CommandRunner(Duration.ofMillis(300)).run(List.of("/bin/sleep", "30")));
    assertEquals("command.timeout", e.code());
  }

  @Test
  void aMissingProgramIsReportedWithItsName() {
    BridgeException e = assertThrows(BridgeException.class, () -> runner.run(List.of("/nonexistent/tool")));
    assertEquals("command.not-started", e.code());
    assertEquals(BridgeException.Kind.PLATFORM, e.kind());
    assertTrue(e.getMessage().contains("/nonexistent/tool"), e.getMessage());
  }

  @Test
  void requireReturnsTheOutputOrFailsWithItAndTheRemedy() {
    assertEquals("fine\n", runner.require("saying fine", List.of("/bin/echo", "fine"), "none"));
    BridgeException e = assertThrows(BridgeException.class,
        () -> runner.require("breaking", List.of("/bin/sh", "-c", "echo broken >&2; exit 4"), "mend it"));
    assertTrue(e.getMessage().startsWith("breaking failed: "), e.getMessage());
    assertTrue(e.getMessage().endsWith("exited with 4: broken"), e.getMessage());
    assertEquals("mend it", e.remedy());
  }

  @Test
  void outputTailKeepsTheLastLines() {
    assertEquals("3 / 4 / 5 / 6 / 7", new CommandRunner.Result(1, "1\n2\n3\n4\n5\n6\n7\n").outputTail());
    assertEquals("only", new CommandRunner.Result(1, "only\n").outputTail());
    assertEquals("", new CommandRunner.Result(1, "").outputTail());
  }
}
