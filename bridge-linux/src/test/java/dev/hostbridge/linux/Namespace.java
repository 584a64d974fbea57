package dev.hostbridge.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throwaway network namespace. {@link #platform} runs one platform operation in it (a child
 * JVM under {@code ip netns exec}, which also gives it the namespace's own /sys); {@link #ip}
 * checks the result with iproute2, an independent tool.
 */
final class Namespace implements AutoCloseable {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  record Output(int exitCode, String text) {
    String expectSuccess() throws IOException {
      if (exitCode != 0) {
        throw new IOException("exit " + exitCode + ": " + text);
      }
      return text;
    }
  }

  final String name;

  Namespace() throws Exception {
    name = "hbt-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    run(List.of("ip", "netns", "add", name)).expectSuccess();
    ip("link", "set", "lo", "up");
  }

  /** Runs {@code ip ARGS} in the namespace and returns its output; fails on a non-zero exit. */
  String ip(String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", name, "ip"));
    argv.addAll(List.of(args));
    return run(argv).expectSuccess();
  }

  /** Runs {@link PlatformCli} with these arguments in the namespace. */
  Output platform(String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", name,
        ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
        PlatformCli.class.getName()));
    argv.addAll(List.of(args));
    return run(argv);
  }

  /** Starts {@link PlatformCli} in the namespace without waiting for it; its output merged into one stream. */
  Process startPlatform(String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", name,
        ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
        PlatformCli.class.getName()));
    argv.addAll(List.of(args));
    return new ProcessBuilder(argv).redirectErrorStream(true).start();
  }

  static Output run(List<String> argv) throws Exception {
    Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("timed out: " + argv);
    }
    return new Output(process.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  @Override
  public void close() throws Exception {
    run(List.of("ip", "netns", "del", name));
  }
}
