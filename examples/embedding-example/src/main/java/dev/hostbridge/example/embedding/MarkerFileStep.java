package dev.hostbridge.example.embedding;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.Step;
import dev.hostbridge.api.StepContext;
import dev.hostbridge.api.StepStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** An embedder's own step: a marker file exists in the state directory. */
final class MarkerFileStep implements Step {

  @Override
  public String id() {
    return "embedding-marker";
  }

  @Override
  public String description() {
    return "marker.txt exists in the state directory";
  }

  @Override
  public StepStatus check(StepContext context) {
    return Files.exists(marker(context)) ? StepStatus.satisfied("the marker is there") : StepStatus.pending("will create the marker");
  }

  @Override
  public void apply(StepContext context) {
    context.record("path", marker(context).toString());
    try {
      Files.writeString(marker(context), "made by the embedding example\n");
    } catch (IOException e) {
      throw new BridgeException("example.marker", BridgeException.Kind.PLATFORM, e.getMessage(), "Check the state directory.", e);
    }
  }

  @Override
  public void revert(StepContext context) {
    try {
      Files.deleteIfExists(context.recorded("path").map(Path::of).orElse(marker(context)));
    } catch (IOException e) {
      throw new BridgeException("example.marker", BridgeException.Kind.PLATFORM, e.getMessage(), "Remove it by hand.", e);
    }
  }

  static Path marker(StepContext context) {
    return context.config().stateDir().resolve("marker.txt");
  }
}
