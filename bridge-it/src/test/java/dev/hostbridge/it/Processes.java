package dev.hostbridge.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs programs the way a person would, and the tool through its committed launcher. */
final class Processes {

  record Result(int exitCode, String stdout, String stderr) {
    Result expectSuccess() {
      if (exitCode != 0) {
        throw new AssertionError("exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr);
      }
      return this;
    }
  }

  static final Path REPO = Path.of(System.getProperty("hostbridge.repo", "..")).toAbsolutePath().normalize();
  static final Path LAUNCHER = REPO.resolve("bin/host-bridge");

  private Processes() {}

  static Result run(List<String> argv) throws IOException, InterruptedException {
    return run(argv, Map.of(), null);
  }

  static Result run(List<String> argv, Map<String, String> extraEnv, Path workingDir) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(argv);
    builder.environment().putAll(extraEnv);
    if (workingDir != null) {
      builder.directory(workingDir.toFile());
    }
    Path stdout = java.nio.file.Files.createTempFile("hb-out", ".txt");
    Path stderr = java.nio.file.Files.createTempFile("hb-err", ".txt");
    try {
      builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      Process process = builder.start();
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException("timed out: " + argv);
      }
      return new Result(process.exitValue(), java.nio.file.Files.readString(stdout, StandardCharsets.UTF_8),
          java.nio.file.Files.readString(stderr, StandardCharsets.UTF_8));
    } finally {
      java.nio.file.Files.deleteIfExists(stdout);
      java.nio.file.Files.deleteIfExists(stderr);
    }
  }

  /** {@code bin/host-bridge ARGS}, as a user runs it. */
  static Result hostBridge(Map<String, String> env, Path workingDir, String... args) throws IOException, InterruptedException {
    List<String> argv = new java.util.ArrayList<>();
    argv.add(LAUNCHER.toString());
    argv.addAll(List.of(args));
    return run(argv, env, workingDir);
  }
}
