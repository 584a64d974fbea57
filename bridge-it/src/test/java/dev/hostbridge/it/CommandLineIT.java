package dev.hostbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged command, run through bin/host-bridge from another working directory. */
class CommandLineIT {

  @TempDir Path elsewhere;

  @Test
  void versionFromAnyDirectory() throws Exception {
    Processes.Result result = Processes.hostBridge(Map.of(), elsewhere, "--version").expectSuccess();
    assertTrue(result.stdout().startsWith("host-bridge 0."), result.stdout());
  }

  @Test
  void planRunsEndToEnd() throws Exception {
    Requirements.docker();
    Processes.Result result = Processes.hostBridge(Map.of("HOST_BRIDGE_STATE_DIR", elsewhere.resolve("state").toString(),
        "HOST_BRIDGE_HELPER_IMAGE", TestImage.ensure()), elsewhere, "plan");
    assertTrue(result.stdout().startsWith("host-bridge plan: platform linux, strategy tap, network tap, device tap1"), result.stdout() + result.stderr());
    // No launcher on Linux unless one is named: the plan says so, exits 3, and changed nothing.
    assertEquals(3, result.exitCode(), result.stderr());
    assertTrue(result.stdout().contains("BLOCKED    launcher-shim"), result.stdout());
    assertTrue(result.stdout().contains("fix: Point host-bridge at it with --launcher PATH"), result.stdout());
  }

  /**
   * Auto on Linux asks the engine where it runs: here, in a UTS namespace with a host name of its
   * own, the engine (on the root namespace's host name) is another machine, as Colima's VM or
   * Docker Desktop's would be, and the plan is the tunnel's; beside the engine it is the tap's.
   */
  @Test
  void autoOnLinuxTakesTheTunnelWhenTheEngineRunsOnAnotherMachine() throws Exception {
    Requirements.docker();
    Map<String, String> env = Map.of("HOST_BRIDGE_STATE_DIR", elsewhere.resolve("state").toString(),
        "HOST_BRIDGE_HELPER_IMAGE", TestImage.ensure());
    Processes.Result elsewhereMachine = Processes.run(java.util.List.of("unshare", "--uts", "sh", "-c",
        "hostname host-bridge-not-the-vm && exec \"$0\" \"$@\"", Processes.LAUNCHER.toString(), "plan", "--json"), env, elsewhere);
    com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(elsewhereMachine.stdout());
    assertEquals("tunnel", doc.path("strategy").asText(), elsewhereMachine.stdout() + elsewhereMachine.stderr());
    assertEquals("tunnel-key", doc.path("steps").get(0).path("id").asText(), elsewhereMachine.stdout());
    Processes.Result beside = Processes.hostBridge(env, elsewhere, "plan", "--json");
    doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(beside.stdout());
    assertEquals("tap", doc.path("strategy").asText(), beside.stdout() + beside.stderr());
    assertTrue(java.nio.file.Files.notExists(elsewhere.resolve("state/tunnel/host.key")), "a plan makes no key");
  }

  @Test
  void badEnvironmentIsRefusedWithExitTwo() throws Exception {
    Processes.Result result = Processes.hostBridge(Map.of("DOCKER_TAP_NETWORK", "tap;reboot"), elsewhere, "plan");
    assertEquals(2, result.exitCode());
    assertTrue(result.stderr().contains("DOCKER_TAP_NETWORK (environment)"), result.stderr());
  }

  /**
   * The helper image cannot be pulled (no registry here): the plan still shows every step, the one
   * that needs the helper BLOCKED with the pull's own code, and no library prints its own lines.
   */
  @Test
  void anImageThatCannotBePulledBlocksOnlyItsStepsAndPrintsOurMessagesOnly() throws Exception {
    Requirements.docker();
    Processes.Result result = Processes.hostBridge(Map.of("HOST_BRIDGE_STATE_DIR", elsewhere.resolve("state").toString(),
        "HOST_BRIDGE_HELPER_IMAGE", "hostbridge-test/not-anywhere:0"), elsewhere, "plan", "--json");
    com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(result.stdout());
    assertEquals(7, doc.get("steps").size(), result.stdout());
    boolean pullBlocked = false;
    for (com.fasterxml.jackson.databind.JsonNode step : doc.get("steps")) {
      pullBlocked |= "docker.pull-failed".equals(step.get("code").asText());
    }
    assertTrue(pullBlocked, result.stdout());
    assertEquals(3, result.exitCode(), "a missing image is a missing prerequisite: " + result.stderr());
    assertFalse(result.stderr().contains("ERROR") || result.stderr().contains("\tat "), "no library log lines: " + result.stderr());
  }

  @Test
  void everySubcommandAnswersHelp() throws Exception {
    for (String command : java.util.List.of("plan", "install", "uninstall", "status", "doctor")) {
      Processes.Result result = Processes.hostBridge(Map.of(), elsewhere, command, "--help");
      assertEquals(0, result.exitCode(), command + ": " + result.stderr());
      assertTrue(result.stdout().contains("Usage: host-bridge " + command), result.stdout());
    }
  }

  static Path examplePluginJar() throws Exception {
    Path target = Processes.REPO.resolve("examples/plugin-example/target");
    try (var jars = java.nio.file.Files.list(target)) {
      return jars.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("example-plugin-") && n.endsWith(".jar")
              && !n.endsWith("-sources.jar") && !n.endsWith("-javadoc.jar")).map(target::resolve)
          .findFirst().orElseThrow(() -> new AssertionError("build the example plugin first (mvn package): " + target));
    }
  }

  /** The example plugin reaches the command through HOST_BRIDGE_PLUGIN_PATH, as a user would add one. */
  @Test
  void aPluginOnThePluginPathAddsItsStepAfterTheOnesItDependsOn() throws Exception {
    Requirements.docker();
    Path jar = examplePluginJar();
    Map<String, String> env = Map.of("HOST_BRIDGE_STATE_DIR", elsewhere.resolve("state").toString(),
        "HOST_BRIDGE_HELPER_IMAGE", TestImage.ensure(), "HOST_BRIDGE_PLUGIN_PATH", jar.getParent().toString());
    Processes.Result plan = Processes.hostBridge(env, elsewhere, "plan");
    String out = plan.stdout();
    assertTrue(out.contains("example-greeting"), out + plan.stderr());
    assertTrue(out.indexOf("host-address") < out.indexOf("example-greeting"), "ordered by its dependsOn: " + out);
    Processes.Result doctor = Processes.hostBridge(env, elsewhere, "doctor");
    assertTrue(doctor.stdout().contains("steps from example-plugin"), doctor.stdout());
    // Its setting is taken; a setting no plugin takes is refused before anything, naming the ones there are.
    Processes.Result set = Processes.hostBridge(env, elsewhere, "plan", "--set", "greeting.text=hi");
    assertTrue(set.stdout().contains("example-greeting"), set.stdout() + set.stderr());
    Processes.Result typo = Processes.hostBridge(env, elsewhere, "plan", "--set", "greting.text=hi");
    assertEquals(2, typo.exitCode(), typo.stderr());
    assertTrue(typo.stderr().contains("greting.text") && typo.stderr().contains("greeting.text"), typo.stderr());
  }

  @Test
  void aPluginPathEntryThatIsNotThereIsRefusedNamingTheVariable() throws Exception {
    Processes.Result result = Processes.hostBridge(Map.of("HOST_BRIDGE_STATE_DIR", elsewhere.resolve("state").toString(),
        "HOST_BRIDGE_PLUGIN_PATH", elsewhere.resolve("missing.jar").toString()), elsewhere, "plan");
    assertEquals(2, result.exitCode(), result.stderr());
    assertTrue(result.stderr().contains("HOST_BRIDGE_PLUGIN_PATH"), result.stderr());
  }

  /** The bash completion script, sourced by a real bash, completes commands and their options. */
  @Test
  void bashCompletionCompletesCommandsAndOptions() throws Exception {
    Path script = elsewhere.resolve("host-bridge.bash");
    java.nio.file.Files.writeString(script, Processes.hostBridge(Map.of(), elsewhere, "completion", "bash").expectSuccess().stdout());
    String complete = "source '" + script + "'; COMP_WORDS=(host-bridge %s); COMP_CWORD=%d; _complete_host-bridge; echo \"${COMPREPLY[*]}\"";
    String commands = Processes.run(java.util.List.of("bash", "-c", String.format(complete, "un", 1))).expectSuccess().stdout();
    assertEquals("uninstall", commands.trim());
    String options = Processes.run(java.util.List.of("bash", "-c", String.format(complete, "plan --ne", 2))).expectSuccess().stdout();
    assertTrue(options.contains("--network"), options);
    assertEquals(2, Processes.hostBridge(Map.of(), elsewhere, "completion", "fish").exitCode());
  }

  /** With no Docker engine, every reporting command still prints one valid JSON document, with every step. */
  @Test
  void jsonReportsStayWholeWhenDockerIsUnreachable() throws Exception {
    Map<String, String> env = Map.of("HOST_BRIDGE_STATE_DIR", elsewhere.resolve("state").toString(),
        "DOCKER_HOST", "unix://" + elsewhere.resolve("no-docker.sock"));
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    for (String command : java.util.List.of("plan", "status")) {
      Processes.Result result = Processes.hostBridge(env, elsewhere, command, "--json");
      com.fasterxml.jackson.databind.JsonNode doc = json.readTree(result.stdout());
      assertEquals(7, doc.get("steps").size(), command + ": " + result.stdout());
      int dockerBlocked = 0;
      for (com.fasterxml.jackson.databind.JsonNode step : doc.get("steps")) {
        if ("docker.unreachable".equals(step.get("code").asText())) {
          assertEquals("BLOCKED", step.get("state").asText());
          dockerBlocked++;
        }
      }
      assertTrue(dockerBlocked > 0, command + ": " + result.stdout());
    }
    Processes.Result doctor = Processes.hostBridge(env, elsewhere, "doctor", "--json");
    assertEquals(4, doctor.exitCode(), doctor.stderr());
    assertEquals(4, json.readTree(doctor.stdout()).get("exitCode").asInt());
    assertEquals(4, Processes.hostBridge(env, elsewhere, "plan", "--json").exitCode());
  }

  /** This machine has no systemd (a container): service install says so, exits 3, and writes nothing. */
  @Test
  void serviceInstallWithoutSystemdIsBlockedAndNamesTheCommandToRunInstead() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse(java.nio.file.Files.isDirectory(Path.of("/run/systemd/system")),
        "this machine runs systemd");
    Map<String, String> env = Map.of("HOST_BRIDGE_STATE_DIR", elsewhere.resolve("state").toString());
    Processes.Result install = Processes.hostBridge(env, elsewhere, "service", "install", "--yes");
    assertEquals(3, install.exitCode(), install.stdout() + install.stderr());
    assertTrue(install.stdout().contains("systemd is not running on this machine"), install.stdout());
    assertTrue(install.stdout().contains(" 'watch' '--log-file' "), "the command to run instead: " + install.stdout());
    assertFalse(java.nio.file.Files.exists(Path.of("/etc/systemd/system/host-bridge.service")));
    assertTrue(install.stdout().contains("/usr/local/lib/host-bridge/host-bridge-"), "the service would run root's copy: " + install.stdout());
    assertFalse(java.nio.file.Files.exists(Path.of("/usr/local/lib/host-bridge")), "no copy is made for a service that cannot be");
    assertEquals(0, Processes.hostBridge(env, elsewhere, "service", "--help").exitCode());
  }
}
