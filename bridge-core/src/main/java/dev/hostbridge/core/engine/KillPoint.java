package dev.hostbridge.core.engine;

/**
 * Crash tests' hook: when the system property {@code hostbridge.test.kill-at} names this point,
 * the process kills itself with SIGKILL there, as a power cut or {@code kill -9} would, so that a
 * test can check what every boundary leaves behind. Without the property (every real run) a point
 * is one string comparison.
 */
public final class KillPoint {

  static final String PROPERTY = "hostbridge.test.kill-at";

  private KillPoint() {}

  public static void at(String point) {
    String wanted = System.getProperty(PROPERTY);
    if (wanted != null && wanted.equals(point)) {
      try {
        new ProcessBuilder("kill", "-KILL", Long.toString(ProcessHandle.current().pid())).start().waitFor();
      } catch (java.io.IOException | InterruptedException e) {
        // no kill(1): halting skips every finally block and hook just the same
      }
      Runtime.getRuntime().halt(137);
    }
  }
}
