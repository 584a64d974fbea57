package dev.hostbridge.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The VM that runs the Docker engine: where its launcher lives and how to restart it. */
public interface DockerVm {

  /**
   * Where Docker's app bundle usually is on this platform, most likely first; may be empty.
   *
   * @return the places to look, whether or not a bundle is there
   */
  List<Path> dockerAppCandidates();

  /**
   * Why the tap approach cannot work with this Docker installation (e.g. "Docker Desktop uses
   * the Apple Virtualization framework, not HyperKit"), or empty when it can.
   *
   * @param dockerApp Docker's app bundle
   * @return why not, for people; empty when the tap approach can work
   */
  Optional<String> unsupportedBackend(Path dockerApp);

  /** Restarts the VM so that its launcher runs again; returns once the restart was requested. */
  void restart();
}
