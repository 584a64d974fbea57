package dev.hostbridge.core.docker;

import java.util.List;

/**
 * A short-lived helper container: runs {@code command} in {@code image}, in the engine's own
 * network namespace when {@code hostNetwork}, with only the listed capabilities added, and is
 * removed afterwards.
 */
public record HelperRun(String image, List<String> command, boolean hostNetwork, List<String> addedCapabilities,
    java.util.Map<String, String> environment) {
  public HelperRun {
    command = List.copyOf(command);
    addedCapabilities = List.copyOf(addedCapabilities);
    environment = java.util.Map.copyOf(environment);
  }

  /** Without environment variables of its own. */
  public HelperRun(String image, List<String> command, boolean hostNetwork, List<String> addedCapabilities) {
    this(image, command, hostNetwork, addedCapabilities, java.util.Map.of());
  }

  /** What a helper printed and how it exited. */
  public record Result(int exitCode, String output) {}
}
