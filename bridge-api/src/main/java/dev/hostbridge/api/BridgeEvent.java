package dev.hostbridge.api;

/**
 * What happens during a run, for listeners registered on the facade. The core logs nothing
 * itself beyond debug output; a command line or an embedder renders these.
 */
public sealed interface BridgeEvent {

  /**
   * A step's probe is about to run.
   *
   * @param stepId the step's id
   * @param description the step's one line for people
   */
  record StepChecking(String stepId, String description) implements BridgeEvent {}

  /**
   * A step's probe has answered (or failed, which makes it BLOCKED with the failure's code).
   *
   * @param stepId the step's id
   * @param status what the probe found
   */
  record StepChecked(String stepId, StepStatus status) implements BridgeEvent {}

  /**
   * Probing finished; {@code plan} is what will run.
   *
   * @param plan every step in the order it runs, with what its probe found
   */
  record PlanComputed(Plan plan) implements BridgeEvent {}

  /**
   * A PENDING step's {@code apply} is about to run.
   *
   * @param stepId the step's id
   * @param description the step's one line for people
   */
  record StepStarted(String stepId, String description) implements BridgeEvent {}

  /**
   * The step was not applied: SATISFIED already, not one this run applies (a run that restores
   * only the volatile steps), or the run stopped before it.
   *
   * @param stepId the step's id
   * @param status what its probe found
   */
  record StepSkipped(String stepId, StepStatus status) implements BridgeEvent {}

  /**
   * The step's change was made and journaled.
   *
   * @param stepId the step's id
   */
  record StepApplied(String stepId) implements BridgeEvent {}

  /**
   * The step's {@code apply} failed; the steps this run applied before it are reverted next.
   *
   * @param stepId the step's id
   * @param error the failure; an unexpected exception comes wrapped ({@link ErrorCode#STEP_APPLY_FAILED})
   */
  record StepFailed(String stepId, BridgeException error) implements BridgeEvent {}

  /**
   * The step's change was undone (rollback of a failed run, or uninstall).
   *
   * @param stepId the step's id
   */
  record StepReverted(String stepId) implements BridgeEvent {}

  /**
   * Undoing the step failed; the journal keeps it so that a later uninstall can try again.
   *
   * @param stepId the step's id, as the journal names it
   * @param error the failure; on uninstall, a journaled step that no built-in step or plugin
   *     provides fails with {@link ErrorCode#JOURNAL_UNKNOWN_STEP}
   */
  record RevertFailed(String stepId, BridgeException error) implements BridgeEvent {}

  /**
   * A step tells how a long operation is going ({@link StepContext#progress}).
   *
   * @param stepId the step's id
   * @param message one line for people, e.g. "waiting for the daemon, 12 s"
   */
  record StepProgress(String stepId, String message) implements BridgeEvent {}
}
