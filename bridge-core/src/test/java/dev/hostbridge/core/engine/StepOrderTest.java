package dev.hostbridge.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.Step;
import dev.hostbridge.api.StepContext;
import dev.hostbridge.api.StepStatus;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StepOrderTest {

  record Node(String id, Set<String> dependsOn, Set<String> runsBefore) implements Step {
    Node(String id, String... deps) {
      this(id, Set.of(deps), Set.of());
    }

    @Override
    public String description() {
      return id;
    }

    @Override
    public StepStatus check(StepContext context) {
      return StepStatus.pending("");
    }

    @Override
    public void apply(StepContext context) {}

    @Override
    public void revert(StepContext context) {}
  }

  static List<String> ids(List<Step> steps) {
    return steps.stream().map(Step::id).toList();
  }

  @Test
  void keepsRegistrationOrderWhenNothingConstrainsIt() {
    assertEquals(List.of("x", "y", "z"), ids(StepOrder.sort(List.of(new Node("x"), new Node("y"), new Node("z")))));
  }

  @Test
  void putsDependenciesFirst() {
    List<Step> steps = List.of(new Node("host-address", "network"), new Node("network", "link"), new Node("link"));
    assertEquals(List.of("link", "network", "host-address"), ids(StepOrder.sort(steps)));
  }

  @Test
  void aPluginStepCanGoBeforeABuiltInOne() {
    List<Step> steps = List.of(new Node("a"), new Node("b", "a"), new Node("plugin", Set.of("a"), Set.of("b")));
    assertEquals(List.of("a", "plugin", "b"), ids(StepOrder.sort(steps)));
  }

  @Test
  void aCycleIsAClearError() {
    BridgeException e = assertThrows(BridgeException.class,
        () -> StepOrder.sort(List.of(new Node("a", "c"), new Node("b", "a"), new Node("c", "b"), new Node("free"))));
    assertEquals("plan.cycle", e.code());
    assertTrue(e.getMessage().contains("[a, b, c]"), e.getMessage());
  }

  @Test
  void aMissingDependencyNamesBothSteps() {
    BridgeException e = assertThrows(BridgeException.class, () -> StepOrder.sort(List.of(new Node("a", "ghost"))));
    assertEquals("plan.missing-dependency", e.code());
    assertTrue(e.getMessage().contains("'a'") && e.getMessage().contains("'ghost'"), e.getMessage());
  }

  @Test
  void duplicateIdsAreRefused() {
    BridgeException e = assertThrows(BridgeException.class, () -> StepOrder.sort(List.of(new Node("a"), new Node("a"))));
    assertEquals("plan.duplicate-step", e.code());
  }
}
