package dev.hostbridge.api;

import java.util.List;

/**
 * One line of a plan: a step, what its probe found, and what it depends on.
 *
 * @param id the step's id ({@link Step#id()})
 * @param description the step's one line for people ({@link Step#description()})
 * @param status what its probe found
 * @param isVolatile whether its change is lost as the VM restarts ({@link Step#isVolatile()})
 * @param dependsOn the ids of the steps that must be applied before it ({@link Step#dependsOn()})
 */
public record PlannedStep(String id, String description, StepStatus status, boolean isVolatile, List<String> dependsOn) {
  /**
   * Copies {@code dependsOn}, so that the line does not change with the caller's list.
   *
   * @param id the step's id
   * @param description the step's one line for people
   * @param status what its probe found
   * @param isVolatile whether its change is lost as the VM restarts
   * @param dependsOn the ids of the steps it depends on; not null
   */
  public PlannedStep {
    dependsOn = List.copyOf(dependsOn);
  }
}
