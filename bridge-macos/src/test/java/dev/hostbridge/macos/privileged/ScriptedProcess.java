package dev.hostbridge.macos.privileged;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** A process that prints a fixed text, keeps what it is sent, and exits once its stdin is closed. */
final class ScriptedProcess extends Process {

  final ByteArrayOutputStream received = new ByteArrayOutputStream();
  boolean stdinClosed;
  boolean destroyed;
  private final InputStream stdout;
  private final OutputStream stdin = new FilterOutputStream(received) {
    @Override
    public void close() throws IOException {
      stdinClosed = true;
      super.close();
    }
  };

  ScriptedProcess(String stdout) {
    this.stdout = new ByteArrayInputStream(stdout.getBytes(StandardCharsets.UTF_8));
  }

  String receivedText() {
    return received.toString(StandardCharsets.UTF_8);
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
  public int waitFor() {
    return 0;
  }

  @Override
  public boolean waitFor(long timeout, TimeUnit unit) {
    return stdinClosed || destroyed;
  }

  @Override
  public int exitValue() {
    if (!stdinClosed && !destroyed) {
      throw new IllegalThreadStateException("still running");
    }
    return 0;
  }

  @Override
  public void destroy() {
    destroyed = true;
  }
}
