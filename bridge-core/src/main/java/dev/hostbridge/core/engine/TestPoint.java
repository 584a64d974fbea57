package dev.hostbridge.core.engine;

/**
 * Crash and outage tests' hook, at named points of a run (a step's journal boundaries, inside the
 * shim's installation, while a helper container runs). When the system property
 * {@code hostbridge.test.kill-at} names the point, the process kills itself with SIGKILL there, as a
 * power cut or {@code kill -9} would. When {@code hostbridge.test.run-at} names it, the command in
 * {@code hostbridge.test.run} is run there with {@code sh -c} and waited for (a test stops the
 * Docker engine this way), once per process; the run then goes on. {@code POINT@STEP} there means
 * the point passed while that step is being applied (a run starts helper containers for its probes
 * too; {@code helper:running@vm-link} is the helper that step's change runs). Only tests set these properties
 * (through {@code HOST_BRIDGE_JAVA_OPTS}); without them (every real run) a point is two property
 * lookups.
 */
public final class TestPoint {

  static final String KILL_AT = "hostbridge.test.kill-at";
  static final String RUN_AT = "hostbridge.test.run-at";
  static final String RUN = "hostbridge.test.run";
  private static final java.util.concurrent.atomic.AtomicBoolean RAN = new java.util.concurrent.atomic.AtomicBoolean();
  private static volatile String applying = "";

  private TestPoint() {}

  public static void at(String point) {
    if (point.endsWith(":after-begin")) {
      applying = point.substring(0, point.length() - ":after-begin".length());
    }
    if (point.equals(System.getProperty(KILL_AT))) {
      try {
        new ProcessBuilder("kill", "-KILL", Long.toString(ProcessHandle.current().pid())).start().waitFor();
      } catch (java.io.IOException | InterruptedException e) {
        // no kill(1): halting skips every finally block and hook just the same
      }
      Runtime.getRuntime().halt(137);
    }
    String command = System.getProperty(RUN);
    String runAt = System.getProperty(RUN_AT);
    if (command == null || runAt == null) {
      return;
    }
    boolean here = runAt.equals(point) || runAt.equals(point + "@" + applying);
    if (here && RAN.compareAndSet(false, true)) {
      try {
        new ProcessBuilder("sh", "-c", command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectOutput(ProcessBuilder.Redirect.appendTo(new java.io.File("/dev/stderr")))
            .redirectError(ProcessBuilder.Redirect.INHERIT).start().waitFor();
      } catch (java.io.IOException e) {
        throw new IllegalStateException("test point " + point + ": cannot run " + command, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
