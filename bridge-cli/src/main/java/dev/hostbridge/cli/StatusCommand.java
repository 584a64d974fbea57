package dev.hostbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostbridge.api.BridgeStatus;
import dev.hostbridge.api.Plan;
import dev.hostbridge.api.PlannedStep;
import dev.hostbridge.api.StepStatus;
import dev.hostbridge.core.ControlSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.hostbridge.core.HostBridge;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    footer = {"", "Examples:",
        "  host-bridge status",
        "  host-bridge status --json",
        "", ExitCodes.FOOTER_1, ExitCodes.FOOTER_2, ExitCodes.FOOTER_3},
    description = "Show each step's state, the network, the host address and the journal; changes nothing.")
final class StatusCommand extends BridgeCommand {

  @Option(names = "--json", description = "Print one JSON object: command, platform, network, device, hostAddress, complete, "
      + "steps[{id, state, description, reason, remedy, code, volatile}], journal, exitCode; on failure {command, "
      + "error{code, kind, message, remedy}, exitCode}.")
  boolean json;

  @Override
  boolean json() {
    return json;
  }

  @Inject
  StatusCommand(CliEnvironment environment, BridgeFactory factory, Renderer renderer) {
    super(environment, factory, renderer);
  }

  @Override
  int run(HostBridge bridge) {
    Optional<String> answered = ControlSocket.ask(bridge.config().stateDir(), ControlSocket.STATUS, ControlSocket.ASK_TIMEOUT);
    if (answered.isPresent() && answered.get().startsWith("{\"command\":\"status\"")) {
      if (json) {
        environment.out().println(answered.get());
        environment.out().flush();
      } else {
        fromWatcher(answered.get());
      }
      return ExitCodes.OK;
    }
    BridgeStatus status = bridge.status();
    if (json) {
      renderer.json().status(status, ExitCodes.OK);
    } else {
      renderer.line("platform %s, network %s, device %s, host address %s (probed now: no watcher is running)",
          status.platform(), status.network(), status.device(), status.hostAddress().map(Object::toString).orElse("none"));
      renderer.plan(status.plan());
      renderer.line("journal: %s", status.journaledSteps().isEmpty() ? "empty" : String.join(", ", status.journaledSteps()));
    }
    return ExitCodes.OK;
  }

  /** Renders the watcher's document as the text status, saying who answered and when it last looked. */
  private void fromWatcher(String document) {
    JsonNode doc;
    try {
      doc = new ObjectMapper().readTree(document);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the watcher answered something that is not JSON: " + e.getMessage(), e);
    }
    JsonNode watcher = doc.path("watcher");
    renderer.line("platform %s, network %s, device %s, host address %s (answered by the watcher, pid %s: %s, last checked %s)",
        doc.path("platform").asText(), doc.path("network").asText(), doc.path("device").asText(),
        doc.path("hostAddress").isNull() ? "none" : doc.path("hostAddress").asText(), watcher.path("pid").asText(),
        watcher.path("condition").asText(), watcher.path("checkedAt").isNull() ? "not yet" : watcher.path("checkedAt").asText());
    List<PlannedStep> steps = new ArrayList<>();
    for (JsonNode step : doc.path("steps")) {
      StepStatus status = new StepStatus(StepStatus.State.valueOf(step.path("state").asText()), step.path("reason").asText(),
          step.path("remedy").asText(), step.path("code").isNull() ? "" : step.path("code").asText(), Optional.empty());
      steps.add(new PlannedStep(step.path("id").asText(), step.path("description").asText(), status,
          step.path("volatile").asBoolean(), List.of()));
    }
    renderer.plan(new Plan(steps));
    List<String> journal = new ArrayList<>();
    doc.path("journal").forEach(id -> journal.add(id.asText()));
    renderer.line("journal: %s", journal.isEmpty() ? "empty" : String.join(", ", journal));
  }
}
