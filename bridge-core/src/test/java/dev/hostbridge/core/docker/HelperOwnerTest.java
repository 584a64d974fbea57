package dev.hostbridge.core.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class HelperOwnerTest {

  @Test
  void theLabelReadsBack() {
    HelperOwner me = HelperOwner.current();
    assertEquals(ProcessHandle.current().pid(), me.pid());
    assertEquals(Optional.of(me), HelperOwner.parse(me.label()));
    assertEquals(Optional.empty(), HelperOwner.parse("12/x"));
    assertEquals(Optional.empty(), HelperOwner.parse("host/12/34"));
    assertEquals(Optional.empty(), HelperOwner.parse(null));
  }

  @Test
  void aHelperOfThisLiveProcessIsNotAnOrphanEvenWhenItHasExited() {
    String mine = HelperOwner.current().label();
    assertFalse(HelperOwner.isOrphan(mine, true, true));
    assertFalse(HelperOwner.isOrphan(mine, false, true));
  }

  @Test
  void aHelperWhoseOwnerIsDeadIsAnOrphanEvenWhileItRuns() throws Exception {
    Process finished = new ProcessBuilder("true").start();
    long pid = finished.pid();
    finished.waitFor();
    assertTrue(HelperOwner.isOrphan(new HelperOwner(pid, 1L).label(), true, true));
  }

  @Test
  void aReusedPidIsNotTheOwner() {
    HelperOwner me = HelperOwner.current();
    assertTrue(HelperOwner.isOrphan(new HelperOwner(me.pid(), me.started() + 1).label(), true, true));
  }

  @Test
  void withoutAnOwnerOrThroughTcpOnlyAnExitedHelperIsAnOrphan() {
    assertTrue(HelperOwner.isOrphan(null, false, true));
    assertFalse(HelperOwner.isOrphan(null, true, true));
    String dead = new HelperOwner(Long.MAX_VALUE / 2, 1L).label();
    assertFalse(HelperOwner.isOrphan(dead, true, false), "another machine's process may own it");
    assertTrue(HelperOwner.isOrphan(dead, false, false));
  }
}
