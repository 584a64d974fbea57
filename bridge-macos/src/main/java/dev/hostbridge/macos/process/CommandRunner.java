package dev.hostbridge.macos.process;

import java.time.Duration;
import java.util.List;

/**
 * Runs a system tool with a fixed argument vector, never through a shell. Used only where macOS
 * has no API: the package installer, kext loading, plutil, and quitting and opening an app.
 */
public interface CommandRunner {

  /** The outcome of a finished command; {@code output} is stdout and stderr interleaved. */
  record Result(List<String> argv, int exitCode, String output) {
    public Result {
      argv = List.copyOf(argv);
    }

    public boolean succeeded() {
      return exitCode == 0;
    }

    /** The last lines of the output, for an error message. */
    public String outputTail() {
      String[] lines = output.strip().split("\\R");
      int from = Math.max(0, lines.length - 5);
      return String.join(" / ", java.util.Arrays.asList(lines).subList(from, lines.length));
    }
  }

  /** Runs {@code argv} to completion; a command that cannot start or outlives {@code timeout} is a BridgeException. */
  Result run(List<String> argv, Duration timeout);
}
