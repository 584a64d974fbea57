package dev.hostbridge.cli;

import dev.hostbridge.testkit.FakePlatform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.core.HostBridge;
import dev.hostbridge.core.docker.DockerEndpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {

  @TempDir Path home;
  @TempDir Path state;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  /** The doctor's world: a platform, and the Docker endpoint that answered. */
  static final class FakeFactory implements BridgeFactory {
    final HostPlatform platform;
    Supplier<DockerEndpoint> docker = () -> new DockerEndpoint(URI.create("unix:///fake/docker.sock"), "socket");

    FakeFactory(HostPlatform platform) {
      this.platform = platform;
    }

    @Override
    public HostBridge.Builder builder(BridgeConfig config) {
      return HostBridge.builder(config).platform(platform).withoutBuiltInSteps().discoverPlugins(false);
    }

    @Override
    public DockerEndpoint dockerEndpoint(BridgeConfig config, Map<String, String> environment) {
      return docker.get();
    }
  }

  int doctor(BridgeFactory factory, String... args) {
    List<String> argv = new ArrayList<>(List.of("doctor", "--state-dir", state.toString()));
    argv.addAll(List.of(args));
    return Main.run(argv.toArray(String[]::new), Main.environment(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true)),
        Main.bridgeFactory(factory));
  }

  String output() {
    return out.toString();
  }

  @Test
  void aHealthyLinuxMachineIsReportedLineByLineAndExitsZero() {
    assertEquals(0, doctor(new FakeFactory(new FakePlatform("linux")), "--platform", "linux"));
    String report = output();
    assertTrue(report.contains("  platform       linux (--platform)\n"), report);
    assertTrue(report.contains("  java           " + System.getProperty("java.version") + " by "), report);
    assertTrue(report.matches("(?s).*\n  host-bridge    [0-9][^ ]* \\(the version Maven wrote into the jar\\)\n.*"), report);
    assertTrue(report.contains("  docker         unix:///fake/docker.sock answered a ping (found by: socket)\n"), report);
    assertTrue(report.contains("  tap driver     loaded (the fake driver)\n"), report);
    assertTrue(report.endsWith("doctor: no problem found\n"), report);
    assertFalse(report.contains("docker.app"), "Docker Desktop is looked for on macOS only");
  }

  @Test
  void unreachableDockerListsEveryAttemptExitsFourAndTheOtherChecksStillRun() {
    FakePlatform linux = new FakePlatform("linux");
    linux.driverPresent = false;
    // The real lookup (DockerEngines.resolve), pointed at a socket that is not there.
    BridgeFactory factory = config -> HostBridge.builder(config).platform(linux).withoutBuiltInSteps().discoverPlugins(false);
    Path socket = state.resolve("no-docker.sock");
    assertEquals(4, doctor(factory, "--platform", "linux", "--docker-host", "unix://" + socket));
    String report = output();
    assertTrue(report.contains("  docker         PROBLEM: no Docker engine answered; tried:\n"), report);
    assertTrue(report.contains("--docker-host unix://" + socket + ": no socket at " + socket), report);
    assertTrue(report.contains("fix: Start Docker"), report);
    assertTrue(report.contains("  tap driver     PROBLEM: not loaded"), report);
    assertTrue(report.endsWith("doctor: 2 problem(s) found\n"), report);
  }

  @Test
  void aMissingDriverExitsThreeWithThePlatformsRemedy() {
    FakePlatform linux = new FakePlatform("linux");
    linux.driverPresent = false;
    assertEquals(3, doctor(new FakeFactory(linux), "--platform", "linux"));
    assertTrue(output().contains("  tap driver     PROBLEM: not loaded (the fake driver)\n"
        + "                 fix: install the fake driver\n"), output());
  }

  @Test
  void jsonIsOneDocumentWithEveryFact() throws Exception {
    FakePlatform linux = new FakePlatform("linux");
    linux.driverPresent = false;
    assertEquals(3, doctor(new FakeFactory(linux), "--platform", "linux", "--json"));
    com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(output());
    assertEquals("doctor", doc.get("command").asText());
    assertEquals(3, doc.get("exitCode").asInt());
    assertEquals(1, doc.get("problems").asInt());
    boolean driver = false;
    for (com.fasterxml.jackson.databind.JsonNode fact : doc.get("facts")) {
      if (fact.get("subject").asText().equals("tap driver")) {
        driver = fact.get("problem").asBoolean() && fact.get("remedy").asText().equals("install the fake driver");
      }
    }
    assertTrue(driver, doc.toString());
  }

  @Test
  void theCommandIsListedInTheHelp() {
    assertEquals(0, Main.run(new String[] {"--help"}, Main.environment(Map.of(), new PrintWriter(out, true),
        new PrintWriter(err, true)), Main.bridgeFactory(config -> fail("help builds no bridge"))));
    assertTrue(output().contains("doctor"), output());
  }
}
