package dev.hostbridge.testkit;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.DockerAccess;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.api.Step;
import dev.hostbridge.api.StepContext;
import dev.hostbridge.api.StepStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one step as host-bridge would, without a journal file: what {@code apply} records is kept
 * and given back to {@code revert}, progress messages are collected. For a plugin's unit tests:
 *
 * <pre>{@code
 * StepHarness harness = new StepHarness(new MyStep(), config, new FakePlatform(), new FakeDocker());
 * assertEquals(StepStatus.State.PENDING, harness.check().state());
 * harness.apply();
 * assertEquals(StepStatus.State.SATISFIED, harness.check().state());
 * harness.revert();
 * }</pre>
 */
public final class StepHarness {

  private final Step step;
  private final BridgeConfig config;
  private final HostPlatform platform;
  private final DockerAccess docker;
  private final Map<String, String> records = new LinkedHashMap<>();
  private final List<String> progress = new ArrayList<>();

  /**
   * A harness for one step, with nothing recorded yet.
   *
   * @param step the step to run
   * @param config the settings its context gives
   * @param platform the platform its context gives
   * @param docker what its context's {@link StepContext#docker()} gives
   */
  public StepHarness(Step step, BridgeConfig config, HostPlatform platform, DockerAccess docker) {
    this.step = step;
    this.config = config;
    this.platform = platform;
    this.docker = docker;
  }

  /**
   * Runs the step's probe; an exception from the step reaches the caller as it is.
   *
   * @return what the probe found
   */
  public StepStatus check() {
    return step.check(context());
  }

  /** Runs the step's {@code apply}; what it records is kept for {@link #revert()}. */
  public void apply() {
    step.apply(context());
  }

  /** Runs the step's {@code revert}, which reads back what {@code apply} recorded. */
  public void revert() {
    step.revert(context());
  }

  /**
   * What the step recorded for undoing its change, as the journal would keep it.
   *
   * @return a copy of the records by key; empty when nothing was recorded
   */
  public Map<String, String> records() {
    return Map.copyOf(records);
  }

  /**
   * The progress messages the step sent, in order.
   *
   * @return a copy of the messages; empty when there were none
   */
  public List<String> progress() {
    return List.copyOf(progress);
  }

  private StepContext context() {
    return new StepContext() {
      @Override
      public BridgeConfig config() {
        return config;
      }

      @Override
      public HostPlatform platform() {
        return platform;
      }

      @Override
      public void record(String key, String value) {
        records.put(key, value);
      }

      @Override
      public Optional<String> recorded(String key) {
        return Optional.ofNullable(records.get(key));
      }

      @Override
      public void progress(String message) {
        progress.add(message);
      }

      @Override
      public DockerAccess docker() {
        return docker;
      }
    };
  }
}
