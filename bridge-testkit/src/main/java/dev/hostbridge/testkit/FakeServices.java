package dev.hostbridge.testkit;

import dev.hostbridge.api.ServiceManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A service manager that keeps its definition file where a test says and records start and stop. */
public final class FakeServices implements ServiceManager {

  private final Path file;
  public final List<String> calls = new ArrayList<>();
  /** Why services cannot be installed; empty when they can. */
  public Optional<String> unavailable = Optional.empty();
  public boolean running;

  public FakeServices(Path file) {
    this.file = file;
  }

  @Override
  public Optional<String> unavailable() {
    return unavailable;
  }

  @Override
  public Path definitionFile() {
    return file;
  }

  /** Beside the definition: {@code program} in its directory. */
  @Override
  public Path programDirectory() {
    return file.resolveSibling("program");
  }

  @Override
  public String definition(List<String> argv, Path log) {
    return "# " + MARKER + "\nrun " + String.join(" ", argv) + "\nlog " + log + "\n";
  }

  @Override
  public void start() {
    calls.add("start");
    running = true;
  }

  @Override
  public void stop() {
    calls.add("stop");
    running = false;
  }

  @Override
  public String state() {
    return running ? "running" : "stopped";
  }
}
