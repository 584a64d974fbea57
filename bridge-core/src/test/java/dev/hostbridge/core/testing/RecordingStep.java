package dev.hostbridge.core.testing;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.Step;
import dev.hostbridge.api.StepContext;
import dev.hostbridge.api.StepStatus;
import java.util.List;
import java.util.Set;

/** A step over a flag in memory that writes what happens to a shared log; can be told to fail. */
public final class RecordingStep implements Step {

  private final String id;
  private final Set<String> dependsOn;
  private final List<String> log;
  public boolean done;
  public boolean failOnApply;
  public boolean failOnRevert;
  public boolean blocked;
  public boolean isVolatile;

  public RecordingStep(String id, List<String> log, String... dependsOn) {
    this.id = id;
    this.log = log;
    this.dependsOn = Set.of(dependsOn);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String description() {
    return "make " + id + " true";
  }

  @Override
  public Set<String> dependsOn() {
    return dependsOn;
  }

  @Override
  public boolean isVolatile() {
    return isVolatile;
  }

  @Override
  public StepStatus check(StepContext context) {
    if (blocked) {
      return StepStatus.blocked(id + " cannot be done", "unblock " + id);
    }
    return done ? StepStatus.satisfied(id + " is true") : StepStatus.pending(id + " is not true yet");
  }

  @Override
  public void apply(StepContext context) {
    if (failOnApply) {
      log.add("apply-failed " + id);
      throw new BridgeException("test.apply", BridgeException.Kind.PLATFORM, id + " broke", "fix " + id);
    }
    context.record("was", String.valueOf(done));
    done = true;
    log.add("apply " + id);
  }

  @Override
  public void revert(StepContext context) {
    if (failOnRevert) {
      log.add("revert-failed " + id);
      throw new BridgeException("test.revert", BridgeException.Kind.PLATFORM, id + " would not undo", "undo " + id + " by hand");
    }
    log.add("revert " + id + " recorded=" + context.recorded("was").orElse("?"));
    done = false;
  }
}
