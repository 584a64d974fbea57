package dev.hostbridge.core.docker;

import java.time.Instant;
import java.util.Optional;

/**
 * Who made a helper container: the process id and the process's start time, written into the
 * container's labels, so that a later run can tell a helper whose owner was killed (and will
 * never remove it) from one that another live run is still using.
 *
 * <p>A process id means something only on the machine where the engine's clients run, so owners
 * are checked only for an engine reached through a local socket; through TCP, other machines may
 * share the engine, and only helpers that have exited are taken for orphans.
 *
 * @param pid the owner's process id
 * @param started the owner's start time in milliseconds since the epoch, 0 when unknown
 */
public record HelperOwner(long pid, long started) {

  public static final String HELPER_LABEL = "dev.hostbridge.helper";
  public static final String OWNER_LABEL = "dev.hostbridge.owner";

  /** This process. */
  public static HelperOwner current() {
    ProcessHandle self = ProcessHandle.current();
    return new HelperOwner(self.pid(), startedMillis(self).orElse(0L));
  }

  /** {@code pid/started}. */
  public String label() {
    return pid + "/" + started;
  }

  public static Optional<HelperOwner> parse(String label) {
    if (label == null) {
      return Optional.empty();
    }
    String[] parts = label.split("/", -1);
    if (parts.length != 2) {
      return Optional.empty();
    }
    try {
      return Optional.of(new HelperOwner(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether a helper with this owner label is one nobody will remove. With {@code localEngine}
   * false, or without a readable owner (a helper made before owners were recorded), only an
   * exited helper is.
   */
  public static boolean isOrphan(String ownerLabel, boolean running, boolean localEngine) {
    Optional<HelperOwner> owner = parse(ownerLabel);
    if (owner.isEmpty() || !localEngine) {
      return !running;
    }
    return !owner.get().isAlive();
  }

  /** The owner is still running: same pid and, where both are known, the same start time. */
  boolean isAlive() {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty() || !handle.get().isAlive()) {
      return false;
    }
    Optional<Long> actual = startedMillis(handle.get());
    // A pid reused by a later process is not the owner.
    return started == 0 || actual.isEmpty() || actual.get() == started;
  }

  private static Optional<Long> startedMillis(ProcessHandle handle) {
    return handle.info().startInstant().map(Instant::toEpochMilli);
  }
}
