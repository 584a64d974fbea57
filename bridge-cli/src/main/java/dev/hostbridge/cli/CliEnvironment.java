package dev.hostbridge.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.util.Map;

/**
 * What the process was started with: its environment, its output streams and, when interactive,
 * its input; {@code verbose} when {@code --verbose} was on the command line.
 */
public record CliEnvironment(Map<String, String> variables, PrintWriter out, PrintWriter err, BufferedReader in,
    boolean interactive, boolean verbose) {
  public CliEnvironment {
    variables = Map.copyOf(variables);
  }

  public CliEnvironment(Map<String, String> variables, PrintWriter out, PrintWriter err, BufferedReader in, boolean interactive) {
    this(variables, out, err, in, interactive, false);
  }
}
