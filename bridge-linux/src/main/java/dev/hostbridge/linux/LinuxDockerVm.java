package dev.hostbridge.linux;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.DockerVm;
import dev.hostbridge.core.platform.CommandRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * On Linux there is no Docker.app to find: the launcher comes from --launcher or --docker-app,
 * and the VM is restarted by the command given with --restart-command.
 */
final class LinuxDockerVm implements DockerVm {

  private final BridgeConfig config;
  private final CommandRunner runner = new CommandRunner(Duration.ofMinutes(5));

  LinuxDockerVm(BridgeConfig config) {
    this.config = config;
  }

  @Override
  public List<Path> dockerAppCandidates() {
    return List.of();
  }

  @Override
  public Optional<String> unsupportedBackend(Path dockerApp) {
    return Optional.empty();
  }

  @Override
  public void restart() {
    if (config.restartCommand().isEmpty()) {
      throw new BridgeException(ErrorCode.LINUX_NO_RESTART_COMMAND, "on Linux host-bridge cannot guess how to restart the Docker VM",
          "Give the command that does it with --restart-command (or HOST_BRIDGE_RESTART_COMMAND).");
    }
    runner.require("restarting the Docker VM", config.restartCommand(),
        "Check the --restart-command; run it by hand to see why it fails.");
  }
}
