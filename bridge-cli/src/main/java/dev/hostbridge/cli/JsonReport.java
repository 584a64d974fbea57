package dev.hostbridge.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.BridgeStatus;
import dev.hostbridge.api.Plan;
import dev.hostbridge.api.PlannedStep;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * The documents of {@code --json}: exactly one JSON object on standard output per run, also when
 * the run fails (then with an {@code error} object), so that a script never parses text.
 */
final class JsonReport {

  /** One fact of the doctor's. */
  record Fact(String subject, String text, boolean problem, String remedy) {}

  private static final JsonFactory FACTORY = new JsonFactory();

  private final PrintWriter out;

  JsonReport(PrintWriter out) {
    this.out = out;
  }

  void plan(String platform, String strategy, String network, String device, Plan plan, int exitCode) {
    write(json -> {
      json.writeStringField("command", "plan");
      json.writeStringField("platform", platform);
      json.writeStringField("strategy", strategy);
      json.writeStringField("network", network);
      json.writeStringField("device", device);
      json.writeBooleanField("blocked", plan.isBlocked());
      json.writeBooleanField("complete", plan.isComplete());
      steps(json, plan);
      json.writeNumberField("exitCode", exitCode);
    });
  }

  /** What the watcher adds to a status it answers: who answered, and how it stands. */
  record WatcherInfo(long pid, String condition, java.time.Instant since, java.util.Optional<java.time.Instant> checkedAt) {}

  void status(BridgeStatus status, int exitCode) {
    status(status, exitCode, null);
  }

  void status(BridgeStatus status, int exitCode, WatcherInfo watcher) {
    write(json -> {
      json.writeStringField("command", "status");
      json.writeStringField("answeredBy", watcher == null ? "probe" : "watcher");
      if (watcher != null) {
        json.writeObjectFieldStart("watcher");
        json.writeNumberField("pid", watcher.pid());
        json.writeStringField("condition", watcher.condition());
        json.writeStringField("since", watcher.since().toString());
        json.writeStringField("checkedAt", watcher.checkedAt().map(Object::toString).orElse(null));
        json.writeEndObject();
      }
      json.writeStringField("platform", status.platform());
      json.writeStringField("network", status.network());
      json.writeStringField("device", status.device());
      if (status.hostAddress().isPresent()) {
        json.writeStringField("hostAddress", status.hostAddress().get().toString());
      } else {
        json.writeNullField("hostAddress");
      }
      json.writeBooleanField("complete", status.plan().isComplete());
      steps(json, status.plan());
      json.writeArrayFieldStart("journal");
      for (String id : status.journaledSteps()) {
        json.writeString(id);
      }
      json.writeEndArray();
      json.writeNumberField("exitCode", exitCode);
    });
  }

  void doctor(List<Fact> facts, int exitCode) {
    write(json -> {
      json.writeStringField("command", "doctor");
      json.writeArrayFieldStart("facts");
      for (Fact fact : facts) {
        json.writeStartObject();
        json.writeStringField("subject", fact.subject());
        json.writeStringField("text", fact.text());
        json.writeBooleanField("problem", fact.problem());
        json.writeStringField("remedy", fact.remedy());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeNumberField("problems", facts.stream().filter(Fact::problem).count());
      json.writeNumberField("exitCode", exitCode);
    });
  }

  /** {@code wireguard show}: each interface as its userspace-API socket describes it. */
  void wireguard(java.util.Map<String, dev.hostbridge.wireguard.Uapi.Device> devices, int exitCode) {
    write(json -> {
      json.writeStringField("command", "wireguard show");
      json.writeArrayFieldStart("interfaces");
      for (var entry : devices.entrySet()) {
        json.writeStartObject();
        json.writeStringField("name", entry.getKey());
        json.writeStringField("publicKey", entry.getValue().publicKey());
        json.writeNumberField("listenPort", entry.getValue().listenPort());
        json.writeArrayFieldStart("peers");
        for (var peer : WireGuardShowText.newestHandshakeFirst(entry.getValue().peers())) {
          json.writeStartObject();
          json.writeStringField("publicKey", peer.publicKey());
          json.writeStringField("endpoint", peer.endpoint().map(e -> e.getAddress().getHostAddress() + ":" + e.getPort()).orElse(null));
          json.writeArrayFieldStart("allowedIps");
          for (var cidr : peer.allowedIps()) {
            json.writeString(cidr.toString());
          }
          json.writeEndArray();
          json.writeStringField("latestHandshake", peer.latestHandshake().map(Object::toString).orElse(null));
          json.writeNumberField("receivedBytes", peer.receivedBytes());
          json.writeNumberField("sentBytes", peer.sentBytes());
          json.writeNumberField("persistentKeepalive", peer.persistentKeepalive());
          json.writeBooleanField("presharedKey", peer.presharedKey());
          json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeNumberField("exitCode", exitCode);
    });
  }

  void error(String command, BridgeException e, int exitCode) {
    write(json -> {
      json.writeStringField("command", command);
      json.writeObjectFieldStart("error");
      json.writeStringField("code", e.code());
      json.writeStringField("kind", e.kind().name().toLowerCase(Locale.ROOT));
      json.writeStringField("message", e.getMessage());
      json.writeStringField("remedy", e.remedy());
      json.writeEndObject();
      json.writeNumberField("exitCode", exitCode);
    });
  }

  private static void steps(JsonGenerator json, Plan plan) throws IOException {
    json.writeArrayFieldStart("steps");
    for (PlannedStep step : plan.steps()) {
      json.writeStartObject();
      json.writeStringField("id", step.id());
      json.writeStringField("state", step.status().state().name());
      json.writeStringField("description", step.description());
      json.writeStringField("reason", step.status().reason());
      json.writeStringField("remedy", step.status().remedy());
      if (step.status().code().isEmpty()) {
        json.writeNullField("code");
      } else {
        json.writeStringField("code", step.status().code());
      }
      json.writeBooleanField("volatile", step.isVolatile());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private interface Body {
    void write(JsonGenerator json) throws IOException;
  }

  private void write(Body body) {
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.writeStartObject();
      body.write(json);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println();
    out.flush();
  }
}
