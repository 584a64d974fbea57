package dev.hostbridge.core.engine;

import java.nio.file.Path;

/** Holds the state lock in a process of its own until it is killed, for StateLockTest. */
public final class LockHolder {

  private LockHolder() {}

  public static void main(String[] args) throws Exception {
    try (StateLock lock = StateLock.acquire(Path.of(args[0]))) {
      System.out.println("held");
      System.out.flush();
      Thread.sleep(120_000);
    }
  }
}
