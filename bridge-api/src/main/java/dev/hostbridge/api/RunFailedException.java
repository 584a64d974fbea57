package dev.hostbridge.api;

import java.util.List;

/**
 * A step failed during {@code install}; what the run had applied before it was reverted.
 * {@link #unreverted()} lists the failures of that rollback, if any (the journal keeps those
 * steps so that {@code uninstall} can try again).
 */
public final class RunFailedException extends BridgeException {

  /** The id of the step that failed ({@link #stepId()}). */
  private final String stepId;
  /** The ids of the steps reverted ({@link #reverted()}). */
  private final List<String> reverted;
  /** The failures of the rollback ({@link #unreverted()}). */
  private final List<BridgeException> unreverted;
  /** The ids of the steps left in place ({@link #keptFromBefore()}). */
  private final List<String> keptFromBefore;

  /**
   * A run that failed at {@code stepId}, with no steps kept from an earlier install. The failure
   * takes its code and kind from {@code cause}.
   *
   * @param stepId the id of the step that failed
   * @param cause that step's failure
   * @param reverted the ids of the steps this run applied and then reverted, in the order reverted
   * @param unreverted the failures of reverting the others; empty when the rollback was complete
   */
  public RunFailedException(String stepId, BridgeException cause, List<String> reverted, List<BridgeException> unreverted) {
    this(stepId, cause, reverted, unreverted, List.of());
  }

  /**
   * A run that failed at {@code stepId}. {@code keptFromBefore} names steps that an earlier install
   * had applied and this run applied again: they are left in place, not rolled back. The failure
   * takes its code and kind from {@code cause}.
   *
   * @param stepId the id of the step that failed
   * @param cause that step's failure
   * @param reverted the ids of the steps this run applied and then reverted, in the order reverted
   * @param unreverted the failures of reverting the others; empty when the rollback was complete
   * @param keptFromBefore the ids of the steps left in place
   */
  public RunFailedException(String stepId, BridgeException cause, List<String> reverted, List<BridgeException> unreverted,
      List<String> keptFromBefore) {
    super(cause.code(), cause.kind(), message(stepId, cause, reverted, unreverted, keptFromBefore), remedy(cause, unreverted), cause);
    this.stepId = stepId;
    this.reverted = List.copyOf(reverted);
    this.unreverted = List.copyOf(unreverted);
    this.keptFromBefore = List.copyOf(keptFromBefore);
  }

  private static String message(String stepId, BridgeException cause, List<String> reverted, List<BridgeException> unreverted,
      List<String> keptFromBefore) {
    StringBuilder text = new StringBuilder("step '").append(stepId).append("' failed: ").append(cause.getMessage());
    if (!reverted.isEmpty()) {
      text.append("; rolled back: ").append(String.join(", ", reverted));
    }
    if (!keptFromBefore.isEmpty()) {
      text.append("; kept as an earlier install left them: ").append(String.join(", ", keptFromBefore));
    }
    for (BridgeException e : unreverted) {
      text.append("; could not undo: ").append(e.getMessage());
    }
    return text.toString();
  }

  /** The failure's own remedy, and when some of the run could not be undone, how the next run deals with it. */
  private static String remedy(BridgeException cause, List<BridgeException> unreverted) {
    if (unreverted.isEmpty()) {
      return cause.remedy();
    }
    return (cause.remedy().isEmpty() ? "" : cause.remedy() + " ") + "What could not be undone stays in the journal: the next"
        + " 'host-bridge install' finishes the installation from there, or 'host-bridge uninstall' undoes it.";
  }

  /**
   * The step that failed.
   *
   * @return its id
   */
  public String stepId() {
    return stepId;
  }

  /**
   * The steps this run applied before the failure and then reverted.
   *
   * @return their ids, in the order reverted; empty when there were none
   */
  public List<String> reverted() {
    return reverted;
  }

  /**
   * The failures of the rollback: steps this run applied that could not be undone.
   *
   * @return the failures; empty when the rollback was complete
   */
  public List<BridgeException> unreverted() {
    return unreverted;
  }

  /**
   * The steps that an earlier install had applied and this run applied again, left in place.
   *
   * @return their ids; empty when there were none
   */
  public List<String> keptFromBefore() {
    return keptFromBefore;
  }
}
