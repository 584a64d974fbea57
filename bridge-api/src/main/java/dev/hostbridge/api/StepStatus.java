package dev.hostbridge.api;

import java.util.Objects;
import java.util.Optional;

/**
 * What a step's probe found. {@code reason} says why (for PENDING and BLOCKED); {@code remedy}
 * says what a person can do (for BLOCKED).
 *
 * @param state where the step stands
 * @param reason why, in words; empty when there is nothing to say
 * @param remedy what a person can do; empty when nothing is needed. On a SATISFIED step it is a
 *     note: something the step chose to leave out that a person may want to act on (a route it
 *     did not add because the host routes that subnet already)
 * @param code for a step whose probe itself failed, or found a conflict with what is installed,
 *     the error code; empty otherwise
 * @param failure the kind of that failure or conflict (Docker unreachable, a platform error, a
 *     setting that conflicts); empty otherwise
 */
public record StepStatus(State state, String reason, String remedy, String code, Optional<BridgeException.Kind> failure) {

  /** Where a step stands. */
  public enum State {
    /** Already true: nothing to do. */
    SATISFIED,
    /** Not yet true and {@code apply} can make it so. */
    PENDING,
    /** Not true and cannot be made so by this tool: a person has to act first. */
    BLOCKED
  }

  /**
   * Checks that there is a state; a null text counts as empty, a null failure as none.
   *
   * @param state where the step stands; not null
   * @param reason why, in words
   * @param remedy what a person can do, or a SATISFIED step's note
   * @param code the error code of a failed probe or a conflict
   * @param failure the kind of that failure or conflict
   */
  public StepStatus {
    Objects.requireNonNull(state, "state");
    reason = reason == null ? "" : reason;
    remedy = remedy == null ? "" : remedy;
    code = code == null ? "" : code;
    failure = failure == null ? Optional.empty() : failure;
  }

  /**
   * A status the step's own probe decided.
   *
   * @param state where the step stands; not null
   * @param reason why, in words
   * @param remedy what a person can do, or a SATISFIED step's note
   */
  public StepStatus(State state, String reason, String remedy) {
    this(state, reason, remedy, "", Optional.empty());
  }

  /**
   * SATISFIED: the step is already true and there is nothing to do.
   *
   * @param reason what is true
   * @return the status
   */
  public static StepStatus satisfied(String reason) {
    return new StepStatus(State.SATISFIED, reason, "");
  }

  /**
   * SATISFIED, with a note for a person: what the step left out and how to change that.
   *
   * @param reason what is true
   * @param note what was left out, and what a person can do about it
   * @return the status
   */
  public static StepStatus satisfied(String reason, String note) {
    return new StepStatus(State.SATISFIED, reason, note);
  }

  /**
   * PENDING: the step is not yet true, and {@code apply} can make it so.
   *
   * @param reason what is missing
   * @return the status
   */
  public static StepStatus pending(String reason) {
    return new StepStatus(State.PENDING, reason, "");
  }

  /**
   * BLOCKED for a reason of the step's own, with no error code: a person has to act first.
   *
   * @param reason why the step cannot be made true
   * @param remedy what a person can do about it
   * @return the status
   */
  public static StepStatus blocked(String reason, String remedy) {
    return new StepStatus(State.BLOCKED, reason, remedy);
  }

  /**
   * BLOCKED for a reason the catalogue names: {@code code} and its kind go with it.
   *
   * @param code the catalogue's entry
   * @param reason why the step cannot be made true
   * @param remedy what a person can do about it
   * @return the status
   */
  public static StepStatus blocked(ErrorCode code, String reason, String remedy) {
    return new StepStatus(State.BLOCKED, reason, remedy, code.code(), Optional.of(code.kind()));
  }

  /**
   * The status of a step that could not be probed: BLOCKED, with the failure's code, kind, message
   * and remedy, so that one failing probe (Docker unreachable, say) does not hide the others.
   *
   * @param failure what the probe threw
   * @return the status, whose reason starts with "could not be checked: "
   */
  public static StepStatus unprobed(BridgeException failure) {
    return new StepStatus(State.BLOCKED, "could not be checked: " + failure.getMessage(), failure.remedy(),
        failure.code(), Optional.of(failure.kind()));
  }

  /**
   * BLOCKED because the configuration conflicts with what is installed (the journal's device,
   * network or launcher): a person's settings are wrong, so the code and kind (USER) go with it.
   *
   * @param code the catalogue's entry, one of kind USER
   * @param reason what conflicts
   * @param remedy what a person can do about it
   * @return the status
   */
  public static StepStatus conflict(ErrorCode code, String reason, String remedy) {
    return blocked(code, reason, remedy);
  }

  /**
   * Whether the step stands in {@code other}.
   *
   * @param other the state to compare with
   * @return true when {@link #state()} is {@code other}
   */
  public boolean is(State other) {
    return state == other;
  }
}
