package dev.hostbridge.core;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the journal says, read-only: the changes host-bridge made on this machine, oldest first,
 * each with the facts its step recorded for undoing it. {@code uninstall} undoes them newest first.
 *
 * @param file where the journal is kept
 * @param changes the changes, oldest first
 */
public record JournalView(Path file, List<Change> changes) {

  /**
   * One change.
   *
   * @param stepId the step that made it
   * @param finished false when the process stopped while the step was being applied (it is undone too)
   * @param at when the change was last recorded
   * @param facts what the step recorded for undoing it (an original's checksum, an id it created)
   */
  public record Change(String stepId, boolean finished, Instant at, Map<String, String> facts) {
    /**
     * Makes a change; it keeps an unmodifiable copy of {@code facts}.
     *
     * @param stepId the step that made it
     * @param finished false when the process stopped while the step was being applied
     * @param at when the change was last recorded
     * @param facts what the step recorded for undoing it; no key or value null
     */
    public Change {
      facts = Map.copyOf(facts);
    }
  }

  /**
   * Makes a view of the given changes; it keeps an unmodifiable copy of the list.
   *
   * @param file where the journal is kept
   * @param changes the changes, oldest first; not null, and no element null
   */
  public JournalView {
    changes = List.copyOf(changes);
  }

  /**
   * Whether the journal holds no change: nothing is installed, or there is no journal file.
   *
   * @return true when there is no change
   */
  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /**
   * The change a step made, if the journal has one.
   *
   * @param stepId the id of the step
   * @return the first change by that step; empty when the journal has none
   */
  public Optional<Change> find(String stepId) {
    return changes.stream().filter(c -> c.stepId().equals(stepId)).findFirst();
  }

  /**
   * The ids of the steps whose changes are journaled, oldest first.
   *
   * @return the step ids, oldest first; an empty list when nothing is journaled
   */
  public List<String> stepIds() {
    return changes.stream().map(Change::stepId).toList();
  }
}
