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
import java.util.List;
import java.util.Optional;
import dev.hostbridge.core.engine.Journal;
import dev.hostbridge.core.engine.JournalEntry;
import java.util.function.Supplier;

/**
 * Which strategy {@code --strategy auto} means here.
 * <ul>
 *   <li>macOS: the tap where it can work (Docker Desktop on HyperKit), the tunnel everywhere else
 *       (the Virtualization framework, Docker VMM, a Mac without Docker Desktop: Colima, Lima).</li>
 *   <li>Linux and the rest: the tunnel when the engine runs in a VM (Docker Desktop for Linux,
 *       Colima and Lima through a Docker context, a remote engine), told by the engine's host name
 *       and kernel differing from this machine's; the tap otherwise (an engine on this kernel,
 *       as in the lab). When the engine cannot be asked it is not decided yet.</li>
 * </ul>
 * Whatever the platform, an installation in the journal decides first.
 */
final class Strategies {

  private static final org.slf4j.Logger LOG = Logs.get(Strategies.class);
  private static final java.util.Set<String> TAP_STEPS = java.util.Set.of("tuntap-driver", "tap-ownership", "launcher-shim", "docker-restart", "vm-link",
      "docker-network", "host-address", "route-image", "vm-forward", "host-routes");

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

  /** As {@link #decide}, with the tap when it cannot be decided now (its steps then say what is missing). */
  public static BridgeConfig.Strategy resolve(BridgeConfig config, HostPlatform platform, Supplier<DockerEngine> docker, LocalMachine here) {
    return decide(config, platform, docker, here).orElse(BridgeConfig.Strategy.TAP);
  }

  /**
   * The strategy {@code --strategy} means here, or empty when it cannot be told now (auto on Linux
   * with no engine to ask and nothing installed): a caller asks again later rather than keep a
   * guess. What is installed decides first: a journal with the tunnel's steps is the tunnel's, one
   * with the tap's is the tap's, so that {@code uninstall} and {@code status} of an installation
   * never depend on the engine being up.
   */
  public static Optional<BridgeConfig.Strategy> decide(BridgeConfig config, HostPlatform platform, Supplier<DockerEngine> docker,
      LocalMachine here) {
    if (config.strategy() != BridgeConfig.Strategy.AUTO) {
      return Optional.of(config.strategy());
    }
    Optional<BridgeConfig.Strategy> installed = installed(config.stateDir().resolve(HostBridge.JOURNAL_FILE));
    if (installed.isPresent()) {
      return installed;
    }
    if (!BridgeConfig.PLATFORM_MACOS.equals(platform.name())) {
      return onLinux(docker, here);
    }
    try {
      DockerVm vm = platform.dockerVm();
      Optional<Path> app = config.dockerApp().or(() -> vm.dockerAppCandidates().stream().filter(Files::isDirectory).findFirst());
      if (app.isEmpty()) {
        return Optional.of(BridgeConfig.Strategy.TUNNEL); // no Docker Desktop: Colima, Lima and the like run Docker in a VM of their own
      }
      return Optional.of(vm.unsupportedBackend(app.get()).isPresent() ? BridgeConfig.Strategy.TUNNEL : BridgeConfig.Strategy.TAP);
    } catch (RuntimeException e) {
      return Optional.of(BridgeConfig.Strategy.TAP); // the tap's own steps report what is wrong with the installation
    }
  }

  /** The strategy of what the journal holds: the tunnel's steps are named {@code tunnel-*}; any other step is the tap's. */
  static Optional<BridgeConfig.Strategy> installed(Path journal) {
    if (!Files.isRegularFile(journal)) {
      return Optional.empty();
    }
    try {
      List<String> ids = Journal.load(journal).entries().stream().map(JournalEntry::stepId).toList();
      if (ids.stream().anyMatch(id -> id.startsWith("tunnel-"))) {
        return Optional.of(BridgeConfig.Strategy.TUNNEL);
      }
      return ids.stream().anyMatch(TAP_STEPS::contains) ? Optional.of(BridgeConfig.Strategy.TAP) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty(); // a damaged journal: the run that reads it properly says so
    }
  }

  private static Optional<BridgeConfig.Strategy> onLinux(Supplier<DockerEngine> docker, LocalMachine here) {
    EngineHost engine;
    try {
      engine = docker.get().host();
    } catch (BridgeException | UnsupportedOperationException e) {
      LOG.debug("strategy auto: the engine could not say where it runs ({}); undecided for now", e.getMessage());
      return Optional.empty();
    }
    boolean local = here.runs(engine);
    LOG.debug("strategy auto: the engine runs on {} ({}), this machine is {} ({}): {}", engine.name(), engine.kernelVersion(),
        here.hostName(), here.kernelRelease(), local ? "the same machine, tap" : "another machine or a VM, tunnel");
    return Optional.of(local ? BridgeConfig.Strategy.TAP : BridgeConfig.Strategy.TUNNEL);
  }
}
