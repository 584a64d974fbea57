package dev.hostbridge.api;

import java.util.List;

/**
 * A step failed during {@code install}; what the run had applied before it was reverted.
 * {@link #unreverted()} lists the failures of that rollback, if any (the journal keeps those
 * steps so that {@code uninstall} can try again).
 */
public final class RunFailedException extends BridgeException {

  private final String stepId;
  private final List<String> reverted;
  private final List<BridgeException> unreverted;
  private final List<String> keptFromBefore;

  public RunFailedException(String stepId, BridgeException cause, List<String> reverted, List<BridgeException> unreverted) {
    this(stepId, cause, reverted, unreverted, List.of());
  }

  /**
   * {@code keptFromBefore} names steps that an earlier install had applied and this run applied
   * again: they are left in place, not rolled back.
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

  public String stepId() {
    return stepId;
  }

  public List<String> reverted() {
    return reverted;
  }

  public List<BridgeException> unreverted() {
    return unreverted;
  }

  public List<String> keptFromBefore() {
    return keptFromBefore;
  }
}
