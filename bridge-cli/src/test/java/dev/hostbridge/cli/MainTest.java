package dev.hostbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.DockerVm;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.api.InterfaceState;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.NetworkInterfaces;
import dev.hostbridge.api.Route;
import dev.hostbridge.api.Routes;
import dev.hostbridge.api.Step;
import dev.hostbridge.api.StepContext;
import dev.hostbridge.api.StepStatus;
import dev.hostbridge.api.TapDevices;
import dev.hostbridge.core.HostBridge;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

  @TempDir Path state;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  /** A platform with nothing on it; the commands here only need its name and the tap interface. */
  static final class EmptyPlatform implements HostPlatform, NetworkInterfaces {
    @Override
    public String name() {
      return "empty";
    }

    @Override
    public TapDevices tapDevices() {
      throw new UnsupportedOperationException();
    }

    @Override
    public NetworkInterfaces interfaces() {
      return this;
    }

    @Override
    public Routes routes() {
      throw new UnsupportedOperationException();
    }

    @Override
    public DockerVm dockerVm() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<InterfaceState> find(String name) {
      return Optional.of(new InterfaceState(name, true, List.of(Ipv4Cidr.parse("10.0.75.1/24")), Optional.empty()));
    }

    @Override
    public void addAddress(String name, Ipv4Cidr address) {}

    @Override
    public void removeAddress(String name, Ipv4Cidr address) {}

    @Override
    public void setUp(String name, boolean up) {}
  }

  /** A step that is pending until applied, or blocked, or failing, as the test needs. */
  static class FlagStep implements Step {
    final String id;
    final StepStatus.State initial;
    boolean applied;
    boolean fail;

    FlagStep(String id, StepStatus.State initial) {
      this.id = id;
      this.initial = initial;
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
    public StepStatus check(StepContext context) {
      if (applied) {
        return StepStatus.satisfied("done");
      }
      return initial == StepStatus.State.BLOCKED ? StepStatus.blocked("needs a driver", "install the driver") : StepStatus.pending("to do");
    }

    @Override
    public void apply(StepContext context) {
      if (fail) {
        throw new BridgeException("test.fail", BridgeException.Kind.PLATFORM, "broken on purpose", "none");
      }
      applied = true;
    }

    @Override
    public void revert(StepContext context) {
      applied = false;
    }
  }

  int run(List<Step> steps, String... args) {
    BridgeFactory factory = config -> {
      HostBridge.Builder builder = HostBridge.builder(config).platform(new EmptyPlatform()).withoutBuiltInSteps().discoverPlugins(false);
      steps.forEach(builder::addStep);
      return builder;
    };
    String[] withState = new String[args.length + 2];
    System.arraycopy(args, 0, withState, 0, args.length);
    withState[args.length] = "--state-dir";
    withState[args.length + 1] = state.toString();
    return Main.run(args.length == 0 || args[0].startsWith("-") ? args : withState,
        Main.environment(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true)), Main.bridgeFactory(factory));
  }

  @Test
  void rekeyWithAnotherStrategyThanTheTunnelIsRefusedBeforeAnythingIsWritten() throws Exception {
    FlagStep step = new FlagStep("one", StepStatus.State.PENDING);
    assertEquals(2, run(List.of(step), "install", "--rekey", "--yes"));
    assertTrue(err.toString().contains("--rekey rotates the tunnel's key"), err.toString());
    assertFalse(step.applied, "nothing was installed");
    assertFalse(java.nio.file.Files.exists(state.resolve("tunnel")), "no key was written");
  }

  @Test
  void versionAndHelp() {
    assertEquals(0, run(List.of(), "--version"));
    assertTrue(out.toString().startsWith("host-bridge "), out.toString());
    assertEquals(0, run(List.of(), "--help"));
    assertTrue(out.toString().contains("uninstall"), out.toString());
  }

  @Test
  void noCommandIsBadUsage() {
    assertEquals(2, run(List.of()));
    assertTrue(err.toString().contains("Missing command"), err.toString());
  }

  @Test
  void anUnknownOptionIsBadUsage() {
    assertEquals(2, run(List.of(), "plan", "--no-such-option"));
  }

  @Test
  void planShowsEachStepAndChangesNothing() {
    FlagStep step = new FlagStep("alpha", StepStatus.State.PENDING);
    assertEquals(0, run(List.of(step), "plan"));
    assertTrue(out.toString().contains("PENDING") && out.toString().contains("alpha"), out.toString());
    assertTrue(!step.applied);
  }

  @Test
  void planExitsThreeWhenBlocked() {
    assertEquals(3, run(List.of(new FlagStep("driver", StepStatus.State.BLOCKED)), "plan"));
    assertTrue(out.toString().contains("fix: install the driver"), out.toString());
  }

  @Test
  void installWithoutATerminalNeedsYes() {
    FlagStep step = new FlagStep("alpha", StepStatus.State.PENDING);
    assertEquals(2, run(List.of(step), "install"));
    assertTrue(err.toString().contains("--yes"), err.toString());
    assertTrue(!step.applied);
  }

  @Test
  void installYesAppliesThenUninstallUndoes() {
    FlagStep step = new FlagStep("alpha", StepStatus.State.PENDING);
    assertEquals(0, run(List.of(step), "install", "--yes"));
    assertTrue(step.applied);
    assertTrue(err.toString().contains("applied   alpha"), "progress goes to standard error: " + err);
    assertEquals(0, run(List.of(step), "uninstall", "--yes"));
    assertTrue(!step.applied);
  }

  @Test
  void aFailedStepExitsOne() {
    FlagStep first = new FlagStep("first", StepStatus.State.PENDING);
    FlagStep second = new FlagStep("second", StepStatus.State.PENDING);
    second.fail = true;
    assertEquals(1, run(List.of(first, second), "install", "--yes"));
    assertTrue(!first.applied, "rolled back");
    assertTrue(err.toString().contains("rolled back: first"), err.toString());
  }

  @Test
  void aBlockedInstallExitsThree() {
    assertEquals(3, run(List.of(new FlagStep("driver", StepStatus.State.BLOCKED)), "install", "--yes"));
  }

  @Test
  void badConfigurationExitsTwoAndNamesTheField() {
    assertEquals(2, run(List.of(), "plan", "--subnet", "10.0.75.1/24"));
    assertTrue(err.toString().contains("--subnet"), err.toString());
    assertTrue(err.toString().contains("fix: Use the network address, e.g. 10.0.75.0/24."), err.toString());
  }

  @Test
  void statusJsonIsOneObjectWithSteps() {
    assertEquals(0, run(List.of(new FlagStep("alpha", StepStatus.State.PENDING)), "status", "--json"));
    String json = out.toString().trim();
    assertTrue(json.startsWith("{") && json.endsWith("}"), json);
    assertTrue(json.contains("\"steps\":[{\"id\":\"alpha\",\"state\":\"PENDING\""), json);
    assertTrue(json.contains("\"hostAddress\":\"10.0.75.1/24\""), json);
    assertTrue(json.contains("\"network\":\"tap\""), json);
  }

  @Test
  void everySubcommandAnswersHelpAndHelpNamesThem() {
    for (String command : List.of("plan", "install", "uninstall", "status", "doctor")) {
      for (String flag : List.of("--help", "-h")) {
        out.getBuffer().setLength(0);
        assertEquals(0, run(List.of(), command, flag), command + " " + flag + ": " + err);
        String usage = out.toString();
        assertTrue(usage.contains("Usage: host-bridge " + command), usage);
        assertTrue(usage.contains("--network"), "the options: " + usage);
        assertTrue(usage.contains("Examples:") && usage.contains("Exit codes:"), usage);
      }
      out.getBuffer().setLength(0);
      assertEquals(0, run(List.of(), "help", command));
      assertTrue(out.toString().contains("Usage: host-bridge " + command), out.toString());
    }
  }

  @Test
  void planJsonIsOneDocumentWithCodesAndTheExitCode() throws Exception {
    assertEquals(3, run(List.of(new FlagStep("driver", StepStatus.State.BLOCKED), new FlagStep("alpha", StepStatus.State.PENDING)),
        "plan", "--json"));
    com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
    assertEquals("plan", doc.get("command").asText());
    assertEquals(3, doc.get("exitCode").asInt());
    assertTrue(doc.get("blocked").asBoolean());
    assertEquals("BLOCKED", doc.get("steps").get(0).get("state").asText());
    assertEquals("install the driver", doc.get("steps").get(0).get("remedy").asText());
    assertEquals("PENDING", doc.get("steps").get(1).get("state").asText());
  }

  @Test
  void aProbeThatFailsIsABlockedStepWithItsCodeAndTheOthersAreStillProbed() throws Exception {
    Step broken = new FlagStep("network", StepStatus.State.PENDING) {
      @Override
      public StepStatus check(StepContext context) {
        throw new BridgeException("docker.unreachable", BridgeException.Kind.DOCKER, "no Docker engine answered", "start Docker");
      }
    };
    assertEquals(4, run(List.of(new FlagStep("alpha", StepStatus.State.PENDING), broken), "plan", "--json"));
    com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
    assertEquals(2, doc.get("steps").size());
    assertEquals("PENDING", doc.get("steps").get(0).get("state").asText());
    assertEquals("BLOCKED", doc.get("steps").get(1).get("state").asText());
    assertEquals("docker.unreachable", doc.get("steps").get(1).get("code").asText());
    assertEquals(4, doc.get("exitCode").asInt());
    out.getBuffer().setLength(0);
    assertEquals(4, run(List.of(broken), "plan"));
    assertTrue(out.toString().contains("[docker.unreachable]") && out.toString().contains("fix: start Docker"), out.toString());
  }

  @Test
  void aFailureUnderJsonIsAnErrorDocument() throws Exception {
    assertEquals(2, run(List.of(), "status", "--json", "--subnet", "10.0.75.1/24"));
    com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
    assertEquals("status", doc.get("command").asText());
    assertEquals("user", doc.get("error").get("kind").asText());
    assertTrue(doc.get("error").get("message").asText().contains("--subnet"), doc.toString());
    assertFalse(doc.get("error").get("remedy").asText().isEmpty());
    assertEquals(2, doc.get("exitCode").asInt());
  }

  @Test
  void theWiringIsStrict() {
    // Guice refuses just-in-time bindings: every command is bound explicitly, so this would fail at startup otherwise.
    assertEquals(0, run(List.of(), "status"));
  }

  @Test
  void exitCodesFollowTheKinds() {
    assertEquals(2, ExitCodes.of(new BridgeException("x", BridgeException.Kind.USER, "m", "")));
    assertEquals(3, ExitCodes.of(new BridgeException("x", BridgeException.Kind.PREREQUISITE, "m", "")));
    assertEquals(4, ExitCodes.of(new BridgeException("x", BridgeException.Kind.DOCKER, "m", "")));
    assertEquals(1, ExitCodes.of(new BridgeException("x", BridgeException.Kind.PLATFORM, "m", "")));
  }

  @Test
  void routeTypesAreUsable() {
    // keeps Route in the public signature set reachable from the command's module
    assertEquals(Optional.of("tap1"), Route.viaInterface(Ipv4Cidr.parse("10.0.0.0/8"), "tap1").interfaceName());
  }
}
