package dev.hostbridge.core.docker;

import java.util.List;

/**
 * A short-lived helper container: runs {@code command} in {@code image}, in the engine's own
 * network namespace when {@code hostNetwork}, with only the listed capabilities added, and is
 * removed afterwards.
 */
public record HelperRun(String image, List<String> command, boolean hostNetwork, List<String> addedCapabilities) {
  public HelperRun {
    command = List.copyOf(command);
    addedCapabilities = List.copyOf(addedCapabilities);
  }

  /** What a helper printed and how it exited. */
  public record Result(int exitCode, String output) {}
}
