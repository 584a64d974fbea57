package dev.hostbridge.example.plugin;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.Step;
import dev.hostbridge.api.StepProvider;
import java.util.List;
import java.util.Set;

/** The plugin's entry point, listed in META-INF/services/dev.hostbridge.api.StepProvider. */
public final class GreetingPlugin implements StepProvider {

  @Override
  public String name() {
    return "example-plugin";
  }

  @Override
  public List<Step> steps(BridgeConfig config) {
    return List.of(new GreetingFileStep());
  }

  /** {@code --set greeting.text=...} or {@code HOST_BRIDGE_GREETING_TEXT}. */
  @Override
  public Set<String> settings() {
    return Set.of(GreetingFileStep.TEXT_SETTING);
  }
}
