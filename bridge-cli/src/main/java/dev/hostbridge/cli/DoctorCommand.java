package dev.hostbridge.cli;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.api.ConfigSource;
import dev.hostbridge.api.Diagnostic;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.core.HostBridge;
import dev.hostbridge.core.docker.DockerEndpoint;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What host-bridge finds on this machine, for a bug report. Each line names what was looked at, so
 * that a reader can tell a fact from a guess. Changes nothing and never asks for root.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    footer = {"", "Examples:",
        "  host-bridge doctor",
        "  host-bridge doctor --json > report.json",
        "", ExitCodes.FOOTER_1, ExitCodes.FOOTER_2, ExitCodes.FOOTER_3},
    description = "Print what host-bridge finds on this machine (platform, OS, Java, Docker, "
    + "Docker Desktop and its VM backend, the tap driver), for a bug report; changes nothing. Exits 3 when a "
    + "prerequisite is missing, 4 when Docker is unreachable.")
final class DoctorCommand extends BridgeCommand {

  @Option(names = "--json", description = "Print one JSON object: command, facts[{subject, text, problem, remedy}], "
      + "problems, exitCode.")
  boolean json;

  @Override
  boolean json() {
    return json;
  }

  @Inject
  DoctorCommand(CliEnvironment environment, BridgeFactory factory, Renderer renderer) {
    super(environment, factory, renderer);
  }

  @Override
  int run(HostBridge bridge) {
    BridgeConfig config = bridge.config();
    HostPlatform platform = bridge.platform();
    DoctorReport report = new DoctorReport(renderer, json);
    if (!json) {
      renderer.line("host-bridge doctor: what this machine has, and where each fact comes from");
    }
    report.fact("platform", platform.name() + (config.source(ConfigKey.PLATFORM) == ConfigSource.EXPLICIT
        ? " (--platform)" : " (the default for os.name '" + System.getProperty("os.name") + "')"));
    report.fact("os", property("os.name") + " " + property("os.version") + " " + property("os.arch")
        + " (the JVM's os.name, os.version, os.arch)");
    report.fact("java", property("java.version") + " by " + property("java.vendor") + " at " + property("java.home")
        + " (java.version, java.vendor, java.home)");
    report.fact("host-bridge", version() + " (the version Maven wrote into the jar)");
    report.check("docker", () -> docker(report, config));
    report.fact("strategy", bridge.strategy().optionValue() + (config.strategy() == BridgeConfig.Strategy.AUTO
        ? " (auto: the tap where Docker Desktop runs HyperKit, the tunnel elsewhere on a Mac; on Linux the"
            + " tunnel when the engine runs in a VM or elsewhere, told by its host name and kernel, the tap when it runs on this kernel)" : " (--strategy)"));
    if (bridge.strategy() == BridgeConfig.Strategy.TUNNEL) {
      report.check("tunnel", () -> facts(report, bridge.tunnelDiagnostics()));
    }
    report.check(platform.name(), () -> platformFacts(report, platform));
    report.check("plugins", () -> plugins(report, config));
    if (json) {
      renderer.json().doctor(report.facts(), report.exitCode());
    } else {
      renderer.line(report.problemCount() == 0 ? "doctor: no problem found" : "doctor: %d problem(s) found", report.problemCount());
    }
    return report.exitCode();
  }

  private void docker(DoctorReport report, BridgeConfig config) {
    DockerEndpoint endpoint = factory.dockerEndpoint(config, environment.variables());
    report.fact("docker", endpoint.uri() + " answered a ping (found by: " + endpoint.foundBy() + ")");
  }

  private void plugins(DoctorReport report, BridgeConfig config) {
    List<String> found = factory.plugins(config);
    report.fact("plugins", found.isEmpty()
        ? "none (looked at " + PluginPath.VARIABLE + " and " + config.stateDir().resolve(PluginPath.DIRECTORY) + ")"
        : String.join("\n", found));
  }

  /** What the platform itself reports: its driver, and on macOS Docker Desktop and its VM backend. */
  private static void platformFacts(DoctorReport report, HostPlatform platform) {
    facts(report, platform.diagnostics());
  }

  private static void facts(DoctorReport report, List<Diagnostic> diagnostics) {
    for (Diagnostic diagnostic : diagnostics) {
      if (diagnostic.problem().isPresent()) {
        report.problem(diagnostic.subject(), diagnostic.text(), diagnostic.remedy(), ExitCodes.of(diagnostic.problem().get()));
      } else {
        report.fact(diagnostic.subject(), diagnostic.text());
      }
    }
  }

  private static String version() {
    try {
      // The provider's first line reads "host-bridge <version>"; the subject already says host-bridge.
      return new VersionProvider().getVersion()[0].replaceFirst("^host-bridge ", "");
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static String property(String name) {
    return System.getProperty(name, "unknown");
  }
}
