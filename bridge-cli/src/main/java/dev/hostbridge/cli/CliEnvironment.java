package dev.hostbridge.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.util.Map;

/** What the process was started with: its environment, its output streams and, when interactive, its input. */
public record CliEnvironment(Map<String, String> variables, PrintWriter out, PrintWriter err, BufferedReader in, boolean interactive) {
  public CliEnvironment {
    variables = Map.copyOf(variables);
  }
}
