package dev.hostbridge.macos;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.api.ConfigSource;
import dev.hostbridge.api.Diagnostic;
import dev.hostbridge.api.TapDevices;
import dev.hostbridge.macos.docker.BackendDetector;
import dev.hostbridge.macos.docker.DockerDesktopVm;
import dev.hostbridge.macos.docker.DockerInstallation;
import dev.hostbridge.macos.docker.VmBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The macOS facts of {@code host-bridge doctor}: Docker Desktop, its version and VM backend, the tap driver. */
final class MacosDiagnostics {

  private final BridgeConfig config;
  private final DockerDesktopVm vm;
  private final TapDevices tapDevices;

  MacosDiagnostics(BridgeConfig config, DockerDesktopVm vm, TapDevices tapDevices) {
    this.config = config;
    this.vm = vm;
    this.tapDevices = tapDevices;
  }

  List<Diagnostic> collect() {
    List<Diagnostic> found = new ArrayList<>();
    dockerApp(found).ifPresent(app -> dockerDesktop(found, app));
    if (tapDevices.driverPresent()) {
      found.add(Diagnostic.fact("tap driver", "loaded (" + CHECKED + ")"));
    } else {
      found.add(Diagnostic.problem("tap driver", "not loaded (" + CHECKED + ")", tapDevices.driverRemedy(),
          BridgeException.Kind.PREREQUISITE));
    }
    return found;
  }

  private static final String CHECKED = "checked that one of /dev/tap0../dev/tap15 is a character device";

  private void dockerDesktop(List<Diagnostic> found, Path app) {
    DockerInstallation installation = vm.inspect(app);
    found.add(Diagnostic.fact("app version", installation.version().map(v -> v + " (CFBundleShortVersionString in Contents/Info.plist)")
        .orElse("unknown: Contents/Info.plist has no CFBundleShortVersionString")));
    found.add(Diagnostic.fact("macos", installation.macosVersion() + " on " + (installation.appleSilicon() ? "Apple Silicon" : "Intel")
        + " (sysctl kern.osproductversion, hw.optional.arm64)"));
    found.add(Diagnostic.fact("hyperkit", installation.hyperkitBinary().map(Path::toString)
        .orElse("none in the app (looked at " + String.join(", ", DockerInstallation.HYPERKIT_PATHS) + ")")));
    BackendDetector.Verdict verdict = BackendDetector.detect(installation);
    if (verdict.backend() == VmBackend.HYPERKIT) {
      found.add(Diagnostic.fact("vm backend", verdict.backend().displayName() + " (" + verdict.evidence() + ")"));
    } else {
      found.add(Diagnostic.problem("vm backend", BackendDetector.unsupportedReason(installation)
          .orElse(verdict.backend().displayName() + " (" + verdict.evidence() + ")"), "", BridgeException.Kind.PREREQUISITE));
    }
  }

  /** The app that install would use: the one configured, else the first candidate that exists. */
  private Optional<Path> dockerApp(List<Diagnostic> found) {
    if (config.dockerApp().isPresent()) {
      Path app = config.dockerApp().get();
      String given = config.source(ConfigKey.DOCKER_APP) == ConfigSource.ENVIRONMENT ? "DOCKER_APP" : "--docker-app";
      if (!Files.isDirectory(app)) {
        found.add(Diagnostic.problem("docker.app", "no Docker.app at " + app + " (given by " + given + ")",
            "Give the path of Docker.app with " + given + ", or leave it unset to look in the usual places.",
            BridgeException.Kind.PREREQUISITE));
        return Optional.empty();
      }
      found.add(Diagnostic.fact("docker.app", app + " (given by " + given + ")"));
      return Optional.of(app);
    }
    List<Path> candidates = vm.dockerAppCandidates();
    String looked = candidates.stream().map(Path::toString).collect(Collectors.joining(", "));
    Optional<Path> app = candidates.stream().filter(Files::isDirectory).findFirst();
    if (app.isEmpty()) {
      found.add(Diagnostic.problem("docker.app", "no Docker.app at " + looked,
          "Install Docker Desktop, or give the path of Docker.app with --docker-app.", BridgeException.Kind.PREREQUISITE));
    } else {
      found.add(Diagnostic.fact("docker.app", app.get() + " (the first that exists of " + looked + ")"));
    }
    return app;
  }
}
