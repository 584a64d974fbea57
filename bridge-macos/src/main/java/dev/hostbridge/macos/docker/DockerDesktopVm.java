package dev.hostbridge.macos.docker;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.DockerVm;
import dev.hostbridge.core.platform.CommandRunner;
import dev.hostbridge.macos.MacHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Docker Desktop for Mac as the VM host-bridge attaches to: where the app is, which backend it
 * uses, and how to restart it. Restarting quits the app, waits until none of its processes are
 * left (otherwise {@code open} would only bring the running app forward and hyperkit would never
 * start again with the tap), then opens it. This must run as the user, never in the root helper.
 */
public final class DockerDesktopVm implements DockerVm {

  static final String OSASCRIPT = "/usr/bin/osascript";
  static final String OPEN = "/usr/bin/open";
  static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
  static final Duration RESTART_COMMAND_TIMEOUT = Duration.ofMinutes(5);

  /** How long Docker Desktop may take to stop, and how often to look. */
  public record QuitWait(Duration timeout, Duration interval, Sleeper sleeper) {
    public static QuitWait standard() {
      return new QuitWait(Duration.ofSeconds(120), Duration.ofSeconds(1), duration -> Thread.sleep(duration.toMillis()));
    }
  }

  /** Pauses between two looks at the process table; tests pass one that does not sleep. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final BridgeConfig config;
  private final Supplier<MacHost> host;
  private final CommandRunner runner;
  private final DockerProcesses processes;
  private final QuitWait quitWait;

  /** {@code host} is asked only when a backend is checked: listing candidates or restarting needs no sysctl. */
  public DockerDesktopVm(BridgeConfig config, Supplier<MacHost> host, CommandRunner runner, DockerProcesses processes, QuitWait quitWait) {
    this.config = config;
    this.host = host;
    this.runner = runner;
    this.processes = processes;
    this.quitWait = quitWait;
  }

  @Override
  public List<Path> dockerAppCandidates() {
    return List.of(Path.of("/Applications/Docker.app"), config.home().resolve("Applications/Docker.app"));
  }

  @Override
  public Optional<String> unsupportedBackend(Path dockerApp) {
    return BackendDetector.unsupportedReason(inspect(dockerApp));
  }

  /** Gathers the facts about one installation, reading files only. */
  public DockerInstallation inspect(Path dockerApp) {
    boolean exists = Files.isDirectory(dockerApp);
    Map<String, String> plist = exists ? InfoPlist.read(dockerApp.resolve("Contents/Info.plist"), runner) : Map.of();
    Optional<Path> hyperkit = DockerInstallation.HYPERKIT_PATHS.stream()
        .map(dockerApp::resolve).filter(Files::isRegularFile).findFirst();
    Optional<Path> settingsFile = DockerSettings.locate(config.home());
    Optional<DockerSettings> settings = Optional.empty();
    Optional<String> problem = Optional.empty();
    if (settingsFile.isPresent()) {
      try {
        settings = Optional.of(DockerSettings.read(settingsFile.get()));
      } catch (IOException e) {
        problem = Optional.of(settingsFile.get() + ": " + e.getMessage());
      }
    }
    return new DockerInstallation(dockerApp, exists, Optional.ofNullable(plist.get("CFBundleShortVersionString")),
        hyperkit, settings, problem, host.get().appleSilicon(), host.get().macosVersion());
  }

  @Override
  public void restart() {
    if (!config.restartCommand().isEmpty()) {
      CommandRunner.Result result = runner.run(config.restartCommand(), RESTART_COMMAND_TIMEOUT);
      if (!result.succeeded()) {
        throw new BridgeException(ErrorCode.MACOS_DOCKER_RESTART_FAILED, "the restart command " + config.restartCommand() + " failed (exit " + result.exitCode() + "): " + result.outputTail(),
            "Fix or unset --restart-command (HOST_BRIDGE_RESTART_COMMAND), or restart Docker Desktop from its menu.");
      }
      return;
    }
    Optional<Path> app = installedApp();
    CommandRunner.Result quit = runner.run(List.of(OSASCRIPT, "-e", "quit app \"Docker\""), COMMAND_TIMEOUT);
    if (!quit.succeeded()) {
      throw new BridgeException(ErrorCode.MACOS_DOCKER_QUIT_FAILED, "could not ask Docker Desktop to quit (exit " + quit.exitCode() + "): " + quit.outputTail(),
          "Quit Docker Desktop from its menu (Quit Docker Desktop), start it again, then re-run the command.");
    }
    app.ifPresent(this::awaitQuit);
    String target = app.map(Path::toString).orElse("Docker");
    CommandRunner.Result open = runner.run(List.of(OPEN, "--background", "-a", target), COMMAND_TIMEOUT);
    if (!open.succeeded()) {
      throw new BridgeException(ErrorCode.MACOS_DOCKER_OPEN_FAILED, "could not start Docker Desktop (" + target + ", exit " + open.exitCode() + "): " + open.outputTail(),
          "Start Docker Desktop yourself (open -a Docker), then re-run the command.");
    }
  }

  /** The configured app, else the first candidate that exists. */
  private Optional<Path> installedApp() {
    if (config.dockerApp().isPresent()) {
      return config.dockerApp();
    }
    return dockerAppCandidates().stream().filter(Files::isDirectory).findFirst();
  }

  private void awaitQuit(Path app) {
    long waited = 0;
    long limit = quitWait.timeout().toMillis();
    while (processes.running(app)) {
      if (waited >= limit) {
        throw new BridgeException(ErrorCode.MACOS_DOCKER_QUIT_TIMEOUT, "Docker Desktop was asked to quit but still runs after " + quitWait.timeout().toSeconds() + " s",
            "Quit Docker Desktop from its menu and wait until its whale icon is gone, then re-run the command.");
      }
      try {
        quitWait.sleeper().sleep(quitWait.interval());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BridgeException(ErrorCode.MACOS_DOCKER_INTERRUPTED, "interrupted while waiting for Docker Desktop to quit", "", e);
      }
      waited += quitWait.interval().toMillis();
    }
  }
}
