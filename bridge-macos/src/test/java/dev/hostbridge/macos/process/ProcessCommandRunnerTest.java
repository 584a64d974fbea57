package dev.hostbridge.macos.process;

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
class ProcessCommandRunnerTest {

  final ProcessCommandRunner runner = new ProcessCommandRunner();

  @Test
  void capturesExitCodeAndBothStreams() {
    CommandRunner.Result result = runner.run(List.of("/bin/sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(20));
    assertEquals(3, result.exitCode());
    assertFalse(result.succeeded());
    assertTrue(result.output().contains("out") && result.output().contains("err"), result.output());
  }

  @Test
  void argumentsArePassedVerbatimWithoutAShell() {
    CommandRunner.Result result = runner.run(List.of("/bin/echo", "a b", "$HOME", "'q'"), Duration.ofSeconds(20));
    assertEquals("a b $HOME 'q'", result.output().strip());
  }

  @Test
  void stopsACommandThatOutlivesItsTimeout() {
    BridgeException e = assertThrows(BridgeException.class, () -> runner.run(List.of("/bin/sleep", "30"), Duration.ofMillis(300)));
    assertEquals("macos.command.timeout", e.code());
  }

  @Test
  void aMissingToolIsAPrerequisite() {
    BridgeException e = assertThrows(BridgeException.class,
        () -> runner.run(List.of("/nonexistent/tool"), Duration.ofSeconds(5)));
    assertEquals(BridgeException.Kind.PREREQUISITE, e.kind());
  }

  @Test
  void outputTailKeepsTheLastLines() {
    CommandRunner.Result result = new CommandRunner.Result(List.of("x"), 1, "1\n2\n3\n4\n5\n6\n7\n");
    assertEquals("3 / 4 / 5 / 6 / 7", result.outputTail());
  }
}
