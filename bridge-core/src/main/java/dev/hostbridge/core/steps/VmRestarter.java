package dev.hostbridge.core.steps;

import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.core.docker.DockerEndpoint;
import dev.hostbridge.core.docker.DockerEngine;
import dev.hostbridge.core.docker.EndpointProbe;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Restarts the Docker VM so that its launcher runs again, then waits for the daemon. */
public final class VmRestarter {

  private final Supplier<DockerEngine> docker;
  private final EndpointProbe probe;
  private final DaemonWaiter waiter;
  private final VmInspector vm;

  public VmRestarter(Supplier<DockerEngine> docker, EndpointProbe probe, DaemonWaiter waiter, VmInspector vm) {
    this.docker = docker;
    this.probe = probe;
    this.waiter = waiter;
    this.vm = vm;
  }

  public void restart(HostPlatform platform, Consumer<String> progress) {
    DockerEndpoint endpoint = docker.get().endpoint();
    progress.accept("restarting the Docker VM");
    platform.dockerVm().restart();
    vm.invalidate();
    waiter.await(endpoint, progress);
  }

  /** Restarts only when Docker runs now: a person who quit Docker does not want it started. */
  public void restartIfRunning(HostPlatform platform, Consumer<String> progress) {
    DockerEndpoint endpoint;
    try {
      endpoint = docker.get().endpoint();
    } catch (RuntimeException e) {
      progress.accept("Docker is not running; the original launcher runs when it starts");
      return;
    }
    if (probe.problem(endpoint).isPresent()) {
      progress.accept("Docker is not running; the original launcher runs when it starts");
      return;
    }
    restart(platform, progress);
  }
}
