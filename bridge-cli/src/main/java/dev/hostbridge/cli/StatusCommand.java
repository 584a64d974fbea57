package dev.hostbridge.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.hostbridge.api.BridgeStatus;
import dev.hostbridge.api.PlannedStep;
import dev.hostbridge.core.HostBridge;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", description = "Show each step's state, the network, the host address and the journal; changes nothing.")
final class StatusCommand extends BridgeCommand {

  @Option(names = "--json", description = "Print one JSON object (fields: platform, network, device, hostAddress, steps[{id, state, reason, remedy, volatile}], journal).")
  boolean json;

  @Inject
  StatusCommand(CliEnvironment environment, BridgeFactory factory, Renderer renderer) {
    super(environment, factory, renderer);
  }

  @Override
  int run(HostBridge bridge) {
    BridgeStatus status = bridge.status();
    if (json) {
      writeJson(status);
    } else {
      renderer.line("platform %s, network %s, device %s, host address %s", status.platform(), status.network(),
          status.device(), status.hostAddress().map(Object::toString).orElse("none"));
      renderer.plan(status.plan());
      renderer.line("journal: %s", status.journaledSteps().isEmpty() ? "empty" : String.join(", ", status.journaledSteps()));
    }
    return ExitCodes.OK;
  }

  private void writeJson(BridgeStatus status) {
    try (JsonGenerator out = new JsonFactory().createGenerator(environment.out())) {
      out.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      out.writeStartObject();
      out.writeStringField("platform", status.platform());
      out.writeStringField("network", status.network());
      out.writeStringField("device", status.device());
      if (status.hostAddress().isPresent()) {
        out.writeStringField("hostAddress", status.hostAddress().get().toString());
      } else {
        out.writeNullField("hostAddress");
      }
      out.writeBooleanField("complete", status.plan().isComplete());
      out.writeArrayFieldStart("steps");
      for (PlannedStep step : status.plan().steps()) {
        out.writeStartObject();
        out.writeStringField("id", step.id());
        out.writeStringField("state", step.status().state().name());
        out.writeStringField("description", step.description());
        out.writeStringField("reason", step.status().reason());
        out.writeStringField("remedy", step.status().remedy());
        out.writeBooleanField("volatile", step.isVolatile());
        out.writeEndObject();
      }
      out.writeEndArray();
      out.writeArrayFieldStart("journal");
      for (String id : status.journaledSteps()) {
        out.writeString(id);
      }
      out.writeEndArray();
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    environment.out().println();
    environment.out().flush();
  }
}
