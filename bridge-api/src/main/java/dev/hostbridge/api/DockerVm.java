package dev.hostbridge.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The VM that runs the Docker engine: where its launcher lives and how to restart it. */
public interface DockerVm {

  /** Where Docker's app bundle usually is on this platform, most likely first; may be empty. */
  List<Path> dockerAppCandidates();

  /**
   * Why the tap approach cannot work with this Docker installation (e.g. "Docker Desktop uses
   * the Apple Virtualization framework, not HyperKit"), or empty when it can.
   */
  Optional<String> unsupportedBackend(Path dockerApp);

  /** Restarts the VM so that its launcher runs again; returns once the restart was requested. */
  void restart();
}
