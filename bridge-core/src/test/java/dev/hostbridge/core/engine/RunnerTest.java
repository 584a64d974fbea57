package dev.hostbridge.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeEvent;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.api.PlanBlockedException;
import dev.hostbridge.api.RunFailedException;
import dev.hostbridge.api.StepStatus;
import dev.hostbridge.core.HostBridge;
import dev.hostbridge.core.Settings;
import dev.hostbridge.testkit.FakePlatform;
import dev.hostbridge.core.testing.RecordingStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunnerTest {

  @TempDir Path state;
  final List<String> log = new ArrayList<>();
  final List<BridgeEvent> events = new ArrayList<>();
  List<RecordingStep> steps;
  BridgeConfig config;

  @BeforeEach
  void setUp() {
    config = Settings.builder().osName("Linux").set(ConfigKey.STATE_DIR, state.toString()).build();
    steps = List.of(new RecordingStep("a", log), new RecordingStep("b", log, "a"), new RecordingStep("c", log, "b"),
        new RecordingStep("d", log, "c"));
  }

  HostBridge bridge() {
    HostBridge.Builder builder = HostBridge.builder(config).platform(new FakePlatform()).withoutBuiltInSteps()
        .discoverPlugins(false).addListener(BridgeEvent.class, events::add);
    steps.forEach(builder::addStep);
    return builder.build();
  }

  List<String> journalIds(HostBridge bridge) {
    return bridge.journal().stepIds();
  }

  @Test
  void installAppliesPendingStepsInOrderAndJournalsThem() {
    HostBridge bridge = bridge();
    bridge.install();
    assertEquals(List.of("apply a", "apply b", "apply c", "apply d"), log);
    assertEquals(List.of("a", "b", "c", "d"), journalIds(bridge));
    assertTrue(bridge.journal().changes().stream().allMatch(dev.hostbridge.core.JournalView.Change::finished));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3})
  void aFailureRevertsExactlyWhatThisRunAppliedNewestFirst(int failing) {
    steps.get(failing).failOnApply = true;
    HostBridge bridge = bridge();
    RunFailedException failure = assertThrows(RunFailedException.class, bridge::install);

    List<String> expected = new ArrayList<>();
    for (int i = 0; i < failing; i++) {
      expected.add("apply " + steps.get(i).id());
    }
    expected.add("apply-failed " + steps.get(failing).id());
    for (int i = failing - 1; i >= 0; i--) {
      expected.add("revert " + steps.get(i).id() + " recorded=false");
    }
    assertEquals(expected, log);
    assertEquals(steps.get(failing).id(), failure.stepId());
    assertEquals(failing, failure.reverted().size());
    assertTrue(failure.unreverted().isEmpty());
    assertTrue(bridge.journal().isEmpty(), "journal after rollback: " + journalIds(bridge));
    assertTrue(steps.stream().noneMatch(s -> s.done));
  }

  @Test
  void aRevertThatFailsDuringRollbackStaysInTheJournal() {
    steps.get(0).failOnRevert = true;
    steps.get(2).failOnApply = true;
    HostBridge bridge = bridge();
    RunFailedException failure = assertThrows(RunFailedException.class, bridge::install);
    assertEquals(List.of("b"), failure.reverted());
    assertEquals(1, failure.unreverted().size());
    assertEquals(List.of("a"), journalIds(bridge));
    assertTrue(events.stream().anyMatch(e -> e instanceof BridgeEvent.RevertFailed r && r.stepId().equals("a")));
  }

  @Test
  void installTwiceChangesNothingTheSecondTime() throws Exception {
    HostBridge bridge = bridge();
    bridge.install();
    byte[] journal = Files.readAllBytes(bridge.journalFile());
    log.clear();
    bridge.install();
    assertEquals(List.of(), log);
    assertTrue(bridge.plan().isComplete());
    assertEquals(new String(journal), new String(Files.readAllBytes(bridge.journalFile())));
  }

  @Test
  void aVolatileStepIsReappliedAndKeepsItsJournalPlace() {
    steps.get(1).isVolatile = true;
    HostBridge bridge = bridge();
    bridge.install();
    steps.get(1).done = false; // the VM restarted
    log.clear();
    bridge.install();
    assertEquals(List.of("apply b"), log);
    assertEquals(List.of("a", "b", "c", "d"), journalIds(bridge));
  }

  @Test
  void uninstallRevertsTheJournalNewestFirst() {
    HostBridge bridge = bridge();
    bridge.install();
    log.clear();
    bridge.uninstall();
    assertEquals(List.of("revert d recorded=false", "revert c recorded=false", "revert b recorded=false",
        "revert a recorded=false"), log);
    assertTrue(bridge.journal().isEmpty());
  }

  @Test
  void uninstallOnlyRevertsWhatThisToolApplied() {
    steps.get(0).done = true; // already true before host-bridge came
    HostBridge bridge = bridge();
    bridge.install();
    log.clear();
    bridge.uninstall();
    assertEquals(List.of("revert d recorded=false", "revert c recorded=false", "revert b recorded=false"), log);
    assertTrue(steps.get(0).done);
  }

  @Test
  void aBlockedPlanChangesNothing() {
    steps.get(2).blocked = true;
    HostBridge bridge = bridge();
    PlanBlockedException blocked = assertThrows(PlanBlockedException.class, bridge::install);
    assertEquals(List.of(), log);
    assertTrue(bridge.journal().isEmpty());
    assertTrue(blocked.getMessage().contains("c cannot be done"), blocked.getMessage());
    assertTrue(blocked.remedy().contains("unblock c"), blocked.remedy());
  }

  @Test
  void eventsDescribeTheRun() {
    steps.get(0).done = true;
    bridge().install();
    List<String> kinds = events.stream().map(e -> e.getClass().getSimpleName()).toList();
    List<String> expected = new java.util.ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      expected.addAll(List.of("StepChecking", "StepChecked"));
    }
    expected.addAll(List.of("PlanComputed", "StepSkipped", "StepStarted", "StepApplied", "StepStarted", "StepApplied",
        "StepStarted", "StepApplied"));
    assertEquals(expected, kinds);
    BridgeEvent.PlanComputed plan = (BridgeEvent.PlanComputed) events.get(2 * steps.size());
    assertEquals(StepStatus.State.SATISFIED, plan.plan().steps().get(0).status().state());
  }

  @Test
  void aSecondRunIsRefusedWhileTheFirstHoldsTheLock() {
    try (StateLock held = StateLock.acquire(state)) {
      dev.hostbridge.api.BridgeException e = assertThrows(dev.hostbridge.api.BridgeException.class, bridge()::install);
      assertEquals("state.locked", e.code());
    }
    assertFalse(log.contains("apply a"));
  }

  @Test
  void noTemporaryFilesAreLeftBehind() throws Exception {
    bridge().install();
    try (Stream<Path> files = Files.list(state)) {
      assertEquals(List.of("journal", "lock"), files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }
}
