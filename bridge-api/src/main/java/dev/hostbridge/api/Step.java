package dev.hostbridge.api;

import java.util.Set;

/**
 * One thing host-bridge makes true on the machine, such as "the user owns the tap device".
 * A step is probed with {@link #check} (which changes nothing), made true with {@link #apply},
 * and undone with {@link #revert}. Every step is idempotent: {@code apply} is only called when
 * {@code check} said PENDING, and {@code revert} tolerates a change that is already undone.
 *
 * <p>{@code apply} either completes or leaves nothing behind: the runner reverts the steps
 * applied before a failed one, not the failed one itself.
 */
public interface Step {

  /**
   * A stable, lower-case identifier such as {@code tap-ownership}; used in the journal.
   *
   * @return the id
   */
  String id();

  /**
   * One line for people: what this step makes true.
   *
   * @return the description
   */
  String description();

  /**
   * The ids of steps that must be applied before this one.
   *
   * @return the ids; empty by default
   */
  default Set<String> dependsOn() {
    return Set.of();
  }

  /**
   * The ids of steps that must run after this one (lets a plugin step go before a built-in one).
   *
   * @return the ids; empty by default
   */
  default Set<String> runsBefore() {
    return Set.of();
  }

  /**
   * True when the change is lost as the VM restarts, so that a later {@code install} re-applies it.
   *
   * @return whether the change is volatile; false by default
   */
  default boolean isVolatile() {
    return false;
  }

  /**
   * Probes the machine; changes nothing.
   *
   * @param context what the step may use
   * @return what the probe found
   */
  StepStatus check(StepContext context);

  /**
   * Makes the step true. Facts needed to undo it go to {@link StepContext#record}.
   *
   * @param context what the step may use
   */
  void apply(StepContext context);

  /**
   * Undoes what {@code apply} did, reading back what it recorded.
   *
   * @param context what the step may use, with what {@code apply} recorded
   */
  void revert(StepContext context);
}
