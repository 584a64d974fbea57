package dev.hostbridge.api;

import java.util.List;

/** One line of a plan: a step, what its probe found, and what it depends on. */
public record PlannedStep(String id, String description, StepStatus status, boolean isVolatile, List<String> dependsOn) {
  public PlannedStep {
    dependsOn = List.copyOf(dependsOn);
  }
}
