package dev.hostbridge.macos.privileged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.BridgeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelperProcessChannelTest {

  static final List<String> ARGV = List.of("/usr/bin/sudo", "-n", "--", "/jdk/bin/java", "-cp", "/hb.jar", "Helper");

  final List<List<String>> launches = new ArrayList<>();
  final StringWriter notices = new StringWriter();

  HelperProcessChannel channel(boolean terminal, Process process) {
    return new HelperProcessChannel(() -> ARGV, terminal, argv -> {
      launches.add(argv);
      return process;
    }, new PrintWriter(notices));
  }

  @Test
  void theHelperStartsOnTheFirstChangeAndServesTheRestOfTheRun() {
    ScriptedProcess helper = new ScriptedProcess(HelperProtocol.BANNER + "\nok\nok\n");
    HelperProcessChannel channel = channel(true, helper);
    assertEquals(List.of(), launches, "made, not started");

    channel.submit(PrivilegedRequest.setLink("tap1", true));
    channel.submit(PrivilegedRequest.claimDevice("tap1", "ada"));
    assertEquals(List.of(ARGV), launches, "one helper, one password prompt");
    assertEquals("set-link\ttap1\tup\nclaim-device\ttap1\tada\n", helper.receivedText());
    assertTrue(notices.toString().contains("'set-link' needs root; starting the helper through sudo, which may ask"),
        notices.toString());

    channel.close();
    assertTrue(helper.stdinClosed, "EOF ends the helper's loop");
    assertFalse(helper.destroyed, "it exited by itself");
  }

  @Test
  void closingAChannelThatNeverStartedStartsNothing() {
    channel(true, new ScriptedProcess("")).close();
    assertEquals(List.of(), launches);
  }

  @Test
  void withoutATerminalAHelperThatNeverAnswersIsExplainedOnceAndNotRetried() {
    ScriptedProcess sudoWantsAPassword = new ScriptedProcess("");
    HelperProcessChannel channel = channel(false, sudoWantsAPassword);
    BridgeException first = assertThrows(BridgeException.class, () -> channel.submit(PrivilegedRequest.setLink("tap1", true)));
    assertEquals("helper.no-terminal", first.code());
    assertEquals(BridgeException.Kind.PREREQUISITE, first.kind());
    assertTrue(first.remedy().startsWith("Run host-bridge from a terminal"), first.remedy());
    assertTrue(first.remedy().contains("without one: /jdk/bin/java -cp /hb.jar Helper "), first.remedy());
    assertTrue(sudoWantsAPassword.destroyed);

    BridgeException again = assertThrows(BridgeException.class, () -> channel.submit(PrivilegedRequest.releaseDevice("tap1")));
    assertSame(first, again);
    assertEquals(1, launches.size(), "sudo is not asked twice in one run");
  }

  @Test
  void withATerminalTheHelpersOwnAccountOfTheFailureStands() {
    BridgeException e = assertThrows(BridgeException.class,
        () -> channel(true, new ScriptedProcess("Sorry, try again.\n")).submit(PrivilegedRequest.setLink("tap1", true)));
    assertEquals("helper.unavailable", e.code());
    assertTrue(e.getMessage().contains("Sorry, try again."), e.getMessage());
  }

  @Test
  void aSudoThatCannotBeStartedIsAMissingPrerequisite() {
    HelperProcessChannel channel = new HelperProcessChannel(() -> ARGV, true, argv -> {
      throw new IOException("No such file or directory");
    }, new PrintWriter(notices));
    BridgeException e = assertThrows(BridgeException.class, () -> channel.submit(PrivilegedRequest.setLink("tap1", true)));
    assertEquals("helper.unavailable", e.code());
    assertEquals(BridgeException.Kind.PREREQUISITE, e.kind());
    assertTrue(e.getMessage().contains("No such file or directory"), e.getMessage());
  }

  @Test
  void theHelpersRefusalArrivesAsItsOwnError() {
    ScriptedProcess helper = new ScriptedProcess(HelperProtocol.BANNER + "\nerror\tmacos.syscall.eperm\tPLATFORM\tdenied\tuse root\n");
    BridgeException e = assertThrows(BridgeException.class,
        () -> channel(true, helper).submit(PrivilegedRequest.setLink("tap1", true)));
    assertEquals("macos.syscall.eperm", e.code());
    assertEquals("use root", e.remedy());
  }
}
