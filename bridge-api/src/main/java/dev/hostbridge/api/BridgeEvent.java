package dev.hostbridge.api;

/**
 * What happens during a run, for listeners registered on the facade. The core logs nothing
 * itself beyond debug output; a command line or an embedder renders these.
 */
public sealed interface BridgeEvent {

  /** A step's probe is about to run. */
  record StepChecking(String stepId, String description) implements BridgeEvent {}

  /** A step's probe has answered (or failed, which makes it BLOCKED with the failure's code). */
  record StepChecked(String stepId, StepStatus status) implements BridgeEvent {}

  /** Probing finished; {@code plan} is what will run. */
  record PlanComputed(Plan plan) implements BridgeEvent {}

  record StepStarted(String stepId, String description) implements BridgeEvent {}

  /** The step was not applied: SATISFIED already, or the run stopped before it. */
  record StepSkipped(String stepId, StepStatus status) implements BridgeEvent {}

  record StepApplied(String stepId) implements BridgeEvent {}

  record StepFailed(String stepId, BridgeException error) implements BridgeEvent {}

  /** The step's change was undone (rollback of a failed run, or uninstall). */
  record StepReverted(String stepId) implements BridgeEvent {}

  /** Undoing the step failed; the journal keeps it so that a later uninstall can try again. */
  record RevertFailed(String stepId, BridgeException error) implements BridgeEvent {}

  record StepProgress(String stepId, String message) implements BridgeEvent {}
}
