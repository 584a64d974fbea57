package dev.hostbridge.core.testing;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.Step;
import dev.hostbridge.api.StepContext;
import dev.hostbridge.api.StepProvider;
import dev.hostbridge.api.StepStatus;
import java.util.List;
import java.util.Set;

/** A plugin as a third party would write it: one step that must run after "a" and before "b". */
public final class TestStepProvider implements StepProvider {

  @Override
  public String name() {
    return "test-plugin";
  }

  @Override
  public List<Step> steps(BridgeConfig config) {
    return List.of(new Step() {
      @Override
      public String id() {
        return "plugin-step";
      }

      @Override
      public String description() {
        return "a step from a plugin for network " + config.network();
      }

      @Override
      public Set<String> dependsOn() {
        return Set.of("a");
      }

      @Override
      public Set<String> runsBefore() {
        return Set.of("b");
      }

      @Override
      public StepStatus check(StepContext context) {
        return StepStatus.pending("plugin work to do");
      }

      @Override
      public void apply(StepContext context) {}

      @Override
      public void revert(StepContext context) {}
    });
  }
}
