package dev.hostbridge.cli;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.api.ConfigSource;
import dev.hostbridge.api.DockerVm;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.api.TapDevices;
import dev.hostbridge.core.HostBridge;
import dev.hostbridge.core.docker.DockerEndpoint;
import dev.hostbridge.macos.docker.BackendDetector;
import dev.hostbridge.macos.docker.DockerDesktopVm;
import dev.hostbridge.macos.docker.DockerInstallation;
import dev.hostbridge.macos.docker.VmBackend;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
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
        "", "Exit codes: 0 done; 1 a step failed (what the run applied was rolled back); 2 bad usage or",
        "configuration (nothing changed); 3 blocked by a missing prerequisite (nothing changed); 4 Docker unreachable."},
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
    if (platform.name().equals(BridgeConfig.PLATFORM_MACOS)) {
      report.check("docker.app", () -> dockerDesktop(report, config, platform.dockerVm()));
    }
    report.check("tap driver", () -> tapDriver(report, platform));
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

  private static void dockerDesktop(DoctorReport report, BridgeConfig config, DockerVm vm) {
    if (!(vm instanceof DockerDesktopVm desktop)) {
      report.fact("docker.app", "not checked: this macos platform does not manage Docker Desktop the way host-bridge's own does");
      return;
    }
    Optional<Path> app = dockerApp(report, config, desktop);
    if (app.isEmpty()) {
      return;
    }
    DockerInstallation installation = desktop.inspect(app.get());
    report.fact("app version", installation.version().map(v -> v + " (CFBundleShortVersionString in Contents/Info.plist)")
        .orElse("unknown: Contents/Info.plist has no CFBundleShortVersionString"));
    report.fact("macos", installation.macosVersion() + " on " + (installation.appleSilicon() ? "Apple Silicon" : "Intel")
        + " (sysctl kern.osproductversion, hw.optional.arm64)");
    report.fact("hyperkit", installation.hyperkitBinary().map(Path::toString)
        .orElse("none in the app (looked at " + String.join(", ", DockerInstallation.HYPERKIT_PATHS) + ")"));
    BackendDetector.Verdict verdict = BackendDetector.detect(installation);
    if (verdict.backend() == VmBackend.HYPERKIT) {
      report.fact("vm backend", verdict.backend().displayName() + " (" + verdict.evidence() + ")");
    } else {
      report.problem("vm backend", BackendDetector.unsupportedReason(installation)
          .orElse(verdict.backend().displayName() + " (" + verdict.evidence() + ")"), "", ExitCodes.BLOCKED);
    }
  }

  /** The app that install would use: the one configured, else the first candidate that exists. */
  private static Optional<Path> dockerApp(DoctorReport report, BridgeConfig config, DockerVm vm) {
    if (config.dockerApp().isPresent()) {
      Path app = config.dockerApp().get();
      String given = config.source(ConfigKey.DOCKER_APP) == ConfigSource.ENVIRONMENT ? "DOCKER_APP" : "--docker-app";
      if (!Files.isDirectory(app)) {
        report.problem("docker.app", "no Docker.app at " + app + " (given by " + given + ")",
            "Give the path of Docker.app with " + given + ", or leave it unset to look in the usual places.", ExitCodes.BLOCKED);
        return Optional.empty();
      }
      report.fact("docker.app", app + " (given by " + given + ")");
      return Optional.of(app);
    }
    List<Path> candidates = vm.dockerAppCandidates();
    String looked = candidates.stream().map(Path::toString).collect(Collectors.joining(", "));
    Optional<Path> found = candidates.stream().filter(Files::isDirectory).findFirst();
    if (found.isEmpty()) {
      report.problem("docker.app", "no Docker.app at " + looked,
          "Install Docker Desktop, or give the path of Docker.app with --docker-app.", ExitCodes.BLOCKED);
    } else {
      report.fact("docker.app", found.get() + " (the first that exists of " + looked + ")");
    }
    return found;
  }

  private void plugins(DoctorReport report, BridgeConfig config) {
    List<String> found = factory.plugins(config);
    report.fact("plugins", found.isEmpty()
        ? "none (looked at " + PluginPath.VARIABLE + " and " + config.stateDir().resolve(PluginPath.DIRECTORY) + ")"
        : String.join("\n", found));
  }

  private static void tapDriver(DoctorReport report, HostPlatform platform) {
    TapDevices devices = platform.tapDevices();
    String checked = switch (platform.name()) {
      case BridgeConfig.PLATFORM_MACOS -> "checked that one of /dev/tap0../dev/tap15 is a character device";
      case BridgeConfig.PLATFORM_LINUX -> "checked that /dev/net/tun is a character device";
      default -> "as the " + platform.name() + " platform checks it";
    };
    if (devices.driverPresent()) {
      report.fact("tap driver", "loaded (" + checked + ")");
    } else {
      report.problem("tap driver", "not loaded (" + checked + ")", devices.driverRemedy(), ExitCodes.BLOCKED);
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
