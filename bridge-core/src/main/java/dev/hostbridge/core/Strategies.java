package dev.hostbridge.core;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.DockerVm;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.core.docker.DockerEngine;
import dev.hostbridge.core.docker.EngineHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which strategy {@code --strategy auto} means here.
 * <ul>
 *   <li>macOS: the tap where it can work (Docker Desktop on HyperKit), the tunnel everywhere else
 *       (the Virtualization framework, Docker VMM, a Mac without Docker Desktop: Colima, Lima).</li>
 *   <li>Linux and the rest: the tunnel when the engine runs in a VM (Docker Desktop for Linux,
 *       Colima and Lima through a Docker context, a remote engine), told by the engine's host name
 *       and kernel differing from this machine's; the tap otherwise (an engine on this kernel,
 *       as in the lab), and when the engine cannot be asked (its steps then say why).</li>
 * </ul>
 */
public final class Strategies {

  private static final org.slf4j.Logger LOG = Logs.get(Strategies.class);

  private Strategies() {}

  /** This machine as an engine's {@code /info} would name it. */
  public record LocalMachine(String hostName, String kernelRelease) {

    public static LocalMachine current() {
      String name = "";
      try {
        name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
      } catch (IOException | RuntimeException e) {
        name = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("");
      }
      return new LocalMachine(name, System.getProperty("os.version", ""));
    }

    /** Whether the engine runs on this machine: the same host name and the same kernel. */
    boolean runs(EngineHost engine) {
      return !hostName.isEmpty() && hostName.equals(engine.name()) && kernelRelease.equals(engine.kernelVersion());
    }
  }

  public static BridgeConfig.Strategy resolve(BridgeConfig config, HostPlatform platform, Supplier<DockerEngine> docker, LocalMachine here) {
    if (config.strategy() != BridgeConfig.Strategy.AUTO) {
      return config.strategy();
    }
    if (!BridgeConfig.PLATFORM_MACOS.equals(platform.name())) {
      return onLinux(docker, here);
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

  private static BridgeConfig.Strategy onLinux(Supplier<DockerEngine> docker, LocalMachine here) {
    EngineHost engine;
    try {
      engine = docker.get().host();
    } catch (BridgeException | UnsupportedOperationException e) {
      LOG.debug("strategy auto: the engine could not say where it runs ({}); the tap's steps will say more", e.getMessage());
      return BridgeConfig.Strategy.TAP;
    }
    boolean local = here.runs(engine);
    LOG.debug("strategy auto: the engine runs on {} ({}), this machine is {} ({}): {}", engine.name(), engine.kernelVersion(),
        here.hostName(), here.kernelRelease(), local ? "the same machine, tap" : "another machine or a VM, tunnel");
    return local ? BridgeConfig.Strategy.TAP : BridgeConfig.Strategy.TUNNEL;
  }
}
