package dev.hostbridge.core.engine;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeEvent;
import dev.hostbridge.api.DockerAccess;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.api.StepContext;
import java.util.Optional;

/** The context one step sees: its records live in that step's journal entry. */
final class JournaledStepContext implements StepContext {

  private final String stepId;
  private final BridgeConfig config;
  private final HostPlatform platform;
  private final Journal journal;
  private final EventDispatcher events;
  private final DockerAccess docker;

  JournaledStepContext(String stepId, BridgeConfig config, HostPlatform platform, Journal journal, EventDispatcher events,
      DockerAccess docker) {
    this.docker = docker;
    this.stepId = stepId;
    this.config = config;
    this.platform = platform;
    this.journal = journal;
    this.events = events;
  }

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
    journal.record(stepId, key, value);
  }

  @Override
  public Optional<String> recorded(String key) {
    return journal.find(stepId).map(entry -> entry.records().get(key));
  }

  @Override
  public DockerAccess docker() {
    return docker;
  }

  @Override
  public void progress(String message) {
    events.dispatch(new BridgeEvent.StepProgress(stepId, message));
  }
}
