package dev.hostbridge.core.platform;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.BridgeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a system program with a fixed argument list, never through a shell, and fails with the
 * program's own words when it does not succeed. For the few operations that have no API
 * (installer, kextload, osascript, a user's restart command).
 *
 * <p>Not final: a platform's unit tests replace {@link #run(List, Duration)} with a scripted fake,
 * so that no real system tool runs.
 */
public class CommandRunner {

  /** What a finished program printed (stdout and stderr together) and its exit code. */
  public record Result(int exitCode, String output) {

    public boolean succeeded() {
      return exitCode == 0;
    }

    /** The last lines of the output on one line, for an error message. */
    public String outputTail() {
      List<String> lines = List.of(output.strip().split("\\R"));
      return String.join(" / ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }
  }

  private final Duration timeout;

  /** {@code timeout} is the default for {@link #run(List)} and {@link #require}. */
  public CommandRunner(Duration timeout) {
    this.timeout = timeout;
  }

  public Result run(List<String> argv) {
    return run(argv, timeout);
  }

  /** Runs with a timeout of its own, for a caller whose programs differ in how long they may take. */
  public Result run(List<String> argv, Duration timeout) {
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new BridgeException(ErrorCode.COMMAND_NOT_STARTED, "cannot run " + argv.get(0) + ": " + e.getMessage(), "Check that the program exists and is executable.", e);
    }
    try {
      process.getOutputStream().close();
      OutputCollector collector = new OutputCollector(process.getInputStream());
      collector.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        destroyTree(process);
        throw new BridgeException(ErrorCode.COMMAND_TIMEOUT, String.join(" ", argv) + " did not finish within " + timeout.toSeconds() + " s",
            "Run it by hand to see what it waits for.");
      }
      collector.join(5000);
      return new Result(process.exitValue(), collector.text());
    } catch (InterruptedException e) {
      destroyTree(process);
      Thread.currentThread().interrupt();
      throw new BridgeException(ErrorCode.COMMAND_INTERRUPTED, "interrupted while running " + argv.get(0), "");
    } catch (IOException e) {
      throw new BridgeException(ErrorCode.COMMAND_FAILED, "cannot talk to " + argv.get(0) + ": " + e.getMessage(), "", e);
    }
  }

  /** Runs the program and requires exit code 0; {@code what} names the operation for the error. */
  public String require(String what, List<String> argv, String remedy) {
    Result result = run(argv);
    if (result.exitCode() != 0) {
      String output = result.output().strip();
      throw new BridgeException(ErrorCode.COMMAND_FAILED, what + " failed: " + String.join(" ", argv) + " exited with " + result.exitCode()
              + (output.isEmpty() ? "" : ": " + tail(output)), remedy);
    }
    return result.output();
  }

  private static String tail(String text) {
    return text.length() <= 2000 ? text : "..." + text.substring(text.length() - 2000);
  }

  /** Drains the program's output so that it never blocks on a full pipe. */
  private static final class OutputCollector extends Thread {
    private final InputStream in;
    private volatile String text = "";

    OutputCollector(InputStream in) {
      this.in = in;
      setDaemon(true);
    }

    @Override
    public void run() {
      try {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        // the program's output is lost; its exit code still counts
      }
    }

    String text() {
      return text;
    }
  }

  /** Stops the program and whatever it started, which may hold its output pipe open. */
  private static void destroyTree(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
