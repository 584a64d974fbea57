package dev.hostbridge.core;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.DockerVm;
import dev.hostbridge.api.HostPlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which strategy {@code --strategy auto} means here: the tap where it can work (Docker Desktop on
 * HyperKit; and Linux, where the lab plays the VM), the tunnel everywhere else (Docker Desktop on
 * the Virtualization framework or Docker VMM, a Mac without Docker Desktop).
 */
public final class Strategies {

  private Strategies() {}

  public static BridgeConfig.Strategy resolve(BridgeConfig config, HostPlatform platform) {
    if (config.strategy() != BridgeConfig.Strategy.AUTO) {
      return config.strategy();
    }
    if (!BridgeConfig.PLATFORM_MACOS.equals(platform.name())) {
      return BridgeConfig.Strategy.TAP;
    }
    try {
      DockerVm vm = platform.dockerVm();
      Optional<Path> app = config.dockerApp().or(() -> vm.dockerAppCandidates().stream().filter(Files::isDirectory).findFirst());
      if (app.isEmpty()) {
        return BridgeConfig.Strategy.TUNNEL; // no Docker Desktop: Colima, Lima and the like run Docker in a VM of their own
      }
      return vm.unsupportedBackend(app.get()).isPresent() ? BridgeConfig.Strategy.TUNNEL : BridgeConfig.Strategy.TAP;
    } catch (RuntimeException e) {
      return BridgeConfig.Strategy.TAP; // the tap's own steps report what is wrong with the installation
    }
  }
}
