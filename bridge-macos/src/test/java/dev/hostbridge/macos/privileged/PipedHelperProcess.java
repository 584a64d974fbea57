package dev.hostbridge.macos.privileged;

import dev.hostbridge.api.HostPlatform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The real helper loop ({@link HelperMain#run}) on a thread of this JVM, behind pipes, as
 * root on macOS: everything that sudo would start, minus sudo.
 */
final class PipedHelperProcess extends Process {

  private final PipedOutputStream stdin = new PipedOutputStream();
  private final PipedInputStream stdout = new PipedInputStream();
  final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final Thread helper;
  private volatile int exitCode = -1;

  PipedHelperProcess(HostPlatform root) {
    try {
      PipedInputStream requests = new PipedInputStream(stdin);
      PipedOutputStream answers = new PipedOutputStream(stdout);
      PrintStream logStream = new PrintStream(log, true, StandardCharsets.UTF_8);
      helper = new Thread(() -> {
        exitCode = HelperMain.run(new String[0], "Mac OS X", () -> true, () -> root, requests, answers, logStream);
        try {
          answers.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, "piped-helper");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    helper.start();
  }

  @Override
  public OutputStream getOutputStream() {
    return stdin;
  }

  @Override
  public InputStream getInputStream() {
    return stdout;
  }

  @Override
  public InputStream getErrorStream() {
    return InputStream.nullInputStream();
  }

  @Override
  public int waitFor() throws InterruptedException {
    helper.join();
    return exitCode;
  }

  @Override
  public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
    helper.join(unit.toMillis(timeout));
    return !helper.isAlive();
  }

  @Override
  public int exitValue() {
    if (helper.isAlive()) {
      throw new IllegalThreadStateException("still running");
    }
    return exitCode;
  }

  @Override
  public void destroy() {
    helper.interrupt();
  }
}
