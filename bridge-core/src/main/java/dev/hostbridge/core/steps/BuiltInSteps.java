package dev.hostbridge.core.steps;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.Step;
import dev.hostbridge.core.docker.DockerEngine;
import dev.hostbridge.core.docker.EndpointProbe;
import dev.hostbridge.core.docker.PingProbe;
import dev.hostbridge.core.tunnel.TunnelImage;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** The seed's seven steps, in their natural order; with {@code --route-all}, three more that route every network. */
public final class BuiltInSteps {

  /** How long a restarted Docker may take to answer again, and to show the tap NIC. */
  public static final Duration DAEMON_TIMEOUT = Duration.ofMinutes(3);
  public static final Duration NIC_TIMEOUT = Duration.ofSeconds(60);

  private BuiltInSteps() {}

  /**
   * Whether the tap routes every network: {@code --route-all}, or an installation whose journal
   * has those steps, so that {@code status}, {@code watch} and {@code uninstall} see and undo
   * them without the flag (as the journal decides the strategy).
   */
  public static boolean routeAll(BridgeConfig config) {
    if (config.routeAll()) {
      return true;
    }
    java.nio.file.Path journal = config.stateDir().resolve(dev.hostbridge.core.HostBridge.JOURNAL_FILE);
    if (!java.nio.file.Files.isRegularFile(journal)) {
      return false;
    }
    try {
      return dev.hostbridge.core.engine.Journal.load(journal).entries().stream()
          .anyMatch(entry -> ROUTE_ALL_STEPS.contains(entry.stepId()));
    } catch (RuntimeException e) {
      return false; // a damaged journal: the run that reads it properly says so
    }
  }

  private static final java.util.Set<String> ROUTE_ALL_STEPS = java.util.Set.of(dev.hostbridge.api.StepIds.ROUTE_IMAGE,
      dev.hostbridge.api.StepIds.VM_FORWARD, dev.hostbridge.api.StepIds.HOST_ROUTES);

  public static List<Step> create(BridgeConfig config, Supplier<DockerEngine> docker) {
    EndpointProbe probe = new PingProbe(Duration.ofSeconds(2));
    return create(config, docker, probe, new DaemonWaiter(probe, DAEMON_TIMEOUT, Duration.ofMillis(500)), NIC_TIMEOUT, Duration.ofSeconds(1));
  }

  public static List<Step> create(BridgeConfig config, Supplier<DockerEngine> docker, EndpointProbe probe, DaemonWaiter waiter,
      Duration nicTimeout, Duration pollInterval) {
    VmInspector vm = new VmInspector(docker, config);
    VmRestarter restarter = new VmRestarter(docker, probe, waiter, vm);
    List<Step> steps = new java.util.ArrayList<>(List.of(
        new TuntapDriver(),
        new TapOwnership(),
        new LauncherShim(restarter),
        new DockerRestart(vm, restarter, nicTimeout, pollInterval),
        new VmLink(vm),
        new MacvlanNetwork(docker, vm),
        new HostAddress(docker)));
    if (routeAll(config)) {
      RouteAll routes = new RouteAll(config, docker);
      steps.addAll(List.of(TunnelImage.forRouteAll(docker), new VmForward(vm, routes, docker), new HostRoutes(routes)));
    }
    return List.copyOf(steps);
  }
}
