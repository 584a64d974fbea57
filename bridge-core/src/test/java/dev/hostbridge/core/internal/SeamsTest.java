package dev.hostbridge.core.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hostbridge.core.HostBridge;
import dev.hostbridge.core.docker.DockerEngine;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Only HostBridge grants access to its builder: another class cannot register first, nor replace it. */
class SeamsTest {

  @Test
  void accessFromAnyOtherClassIsRefused() {
    Seams.Access foreign = new Seams.Access() {
      @Override
      public void dockerEngine(HostBridge.Builder builder, Supplier<DockerEngine> factory) {}

      @Override
      public void builtInSteps(HostBridge.Builder builder, Seams.StepFactory factory) {}
    };
    assertThrows(IllegalArgumentException.class, () -> Seams.register(foreign));
  }
}
