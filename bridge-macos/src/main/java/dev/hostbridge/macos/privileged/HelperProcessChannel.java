package dev.hostbridge.macos.privileged;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.BridgeException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The user's end of the root helper. The helper process is started on the first privileged
 * request, not before: {@code plan}, {@code status} and a run with nothing to change never ask for
 * a password, and a run that does asks once. Closing it closes the helper's stdin, which ends it.
 */
public final class HelperProcessChannel implements HelperChannel, AutoCloseable {

  /** Starts a process with pipes for its stdin and stdout; a seam for tests. */
  @FunctionalInterface
  interface Launcher {
    Process start(List<String> argv) throws IOException;
  }

  /** Time the helper gets to finish its last answer and exit once its input is closed. */
  static final long EXIT_WAIT_SECONDS = 5;

  private final Supplier<List<String>> argv;
  private final boolean terminal;
  private final Launcher launcher;
  private final PrintWriter notices;
  private Process process;
  private StreamHelperChannel channel;
  private BridgeException startFailure;

  /** {@code argv} is asked for only when the helper starts: finding the jar may fail, and must not fail a plan. */
  HelperProcessChannel(Supplier<List<String>> argv, boolean terminal, Launcher launcher, PrintWriter notices) {
    this.argv = argv;
    this.terminal = terminal;
    this.launcher = launcher;
    this.notices = notices;
  }

  /** The real thing: this Java through sudo; the helper's stderr (and sudo's) goes to this process's. */
  static HelperProcessChannel throughSudo(boolean terminal, PrintWriter notices) {
    return new HelperProcessChannel(() -> HelperCommandLine.ofThisProcess(terminal), terminal,
        command -> new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start(), notices);
  }

  @Override
  public synchronized void submit(PrivilegedRequest request) {
    started(request).submit(request);
  }

  private StreamHelperChannel started(PrivilegedRequest first) {
    if (startFailure != null) {
      // Asking sudo again would prompt again, or fail the same way; the first answer stands for this run.
      throw startFailure;
    }
    if (channel == null) {
      try {
        channel = start(first);
      } catch (BridgeException e) {
        startFailure = e;
        throw e;
      }
    }
    return channel;
  }

  private StreamHelperChannel start(PrivilegedRequest first) {
    List<String> command = argv.get();
    notices.printf("host-bridge: '%s' needs root; starting the helper through sudo%s%n", first.operation().verb(),
        terminal ? ", which may ask for your password" : " (sudo -n: no terminal to ask for a password)");
    notices.flush();
    try {
      process = launcher.start(command);
    } catch (IOException e) {
      throw new BridgeException(ErrorCode.HELPER_UNAVAILABLE, "cannot start the elevated helper (" + String.join(" ", command) + "): " + e.getMessage(),
          "host-bridge asks for root through " + HelperCommandLine.SUDO + "; check that it exists.", e);
    }
    StreamHelperChannel started = new StreamHelperChannel(
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)),
        new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    try {
      started.awaitReady();
      return started;
    } catch (BridgeException e) {
      process.destroy();
      throw terminal ? e : withoutTerminal(e, command);
    }
  }

  /** Without a terminal the likely cause is sudo wanting a password; say how to give it one. */
  private static BridgeException withoutTerminal(BridgeException cause, List<String> command) {
    return new BridgeException(ErrorCode.HELPER_NO_TERMINAL, cause.getMessage() + "; without a terminal sudo cannot ask for a password (sudo -n)",
        "Run host-bridge from a terminal, where sudo can ask for your password; or configure sudo so that you may run "
            + "exactly this command without one: " + String.join(" ", command.subList(command.indexOf("--") + 1, command.size()))
            + " (only with jars that root owns and nobody else can write).", cause);
  }

  /** Ends the helper: EOF on its stdin ends its loop; one that hangs is stopped. Nothing to do if it never started. */
  @Override
  public synchronized void close() {
    if (process == null) {
      return;
    }
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // Already gone: the wait below sees it.
    }
    try {
      if (!process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
        process.destroy();
      }
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
    }
  }
}
