package dev.hostbridge.macos.process;

import dev.hostbridge.api.BridgeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** {@link CommandRunner} through {@link ProcessBuilder}: no shell, stdin closed, output captured. */
public final class ProcessCommandRunner implements CommandRunner {

  @Override
  public Result run(List<String> argv, Duration timeout) {
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("empty command");
    }
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new BridgeException("macos.command.unavailable", BridgeException.Kind.PREREQUISITE,
          "cannot run " + argv.get(0) + ": " + e.getMessage(),
          "This tool ships with macOS; check that " + argv.get(0) + " exists and is executable.", e);
    }
    // Drain the output while waiting, so a talkative tool cannot block on a full pipe.
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new BridgeException("macos.command.timeout", BridgeException.Kind.PLATFORM,
            String.join(" ", argv) + " did not finish within " + timeout.toSeconds() + " s and was stopped", "Try again.");
      }
      return new Result(argv, process.exitValue(), output.get(10, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new BridgeException("macos.command.interrupted", BridgeException.Kind.PLATFORM,
          "interrupted while running " + argv.get(0), "", e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new BridgeException("macos.command.output", BridgeException.Kind.PLATFORM,
          "cannot read the output of " + argv.get(0) + ": " + e.getMessage(), "", e);
    }
  }

  private static String readAll(InputStream in) {
    try (in) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      return bytes.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
