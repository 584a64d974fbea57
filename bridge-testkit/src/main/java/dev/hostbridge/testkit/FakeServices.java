package dev.hostbridge.testkit;

import dev.hostbridge.api.ServiceManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A service manager that keeps its definition file where a test says and records start and stop. */
public final class FakeServices implements ServiceManager {

  private final Path file;
  /** {@code start} and {@code stop}, in the order they were called. */
  public final List<String> calls = new ArrayList<>();
  /** Why services cannot be installed; empty when they can. */
  public Optional<String> unavailable = Optional.empty();
  /** Whether the service runs: {@link #start()} sets it, {@link #stop()} clears it. */
  public boolean running;

  /**
   * A service manager whose definition file is {@code file}.
   *
   * @param file where the definition goes; the program directory is beside it
   */
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

  /**
   * Beside the definition: {@code program} in its directory.
   *
   * @return the definition file's sibling {@code program}
   */
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
