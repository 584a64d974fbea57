package dev.hostbridge.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The operating system's service manager (launchd on macOS, systemd on Linux), for running
 * {@code host-bridge watch} at boot and keeping it alive.
 */
public interface ServiceManager {

  /** The line every definition host-bridge writes carries, so that it never touches one it did not write. */
  String MARKER = "Written by host-bridge service install; host-bridge service uninstall removes it.";

  /**
   * Why a service cannot be installed on this machine (no systemd running, say); empty when it can.
   *
   * @return the reason, for people; empty when a service can be installed
   */
  Optional<String> unavailable();

  /**
   * Where the service's definition goes, e.g. /etc/systemd/system/host-bridge.service.
   *
   * @return the definition file's path
   */
  Path definitionFile();

  /**
   * The definition's text for a service that runs {@code argv} at boot as root, restarts it when it
   * fails, and sends what it prints to {@code log}. Carries {@link #MARKER}.
   *
   * @param argv the command line the service runs, the program first
   * @param log the file that gets what the service prints
   * @return the definition's text, for {@link #definitionFile()}
   */
  String definition(List<String> argv, Path log);

  /** Loads, enables and starts the service from its definition file (needs root). */
  void start();

  /** Stops, disables and unloads the service; one that is not loaded is not an error (needs root). */
  void stop();

  /**
   * The service manager's word on it, e.g. {@code active (running)}.
   *
   * @return the state, as the service manager puts it
   */
  String state();

  /**
   * A directory only root may write, for the copy of host-bridge's jar that the service runs (the
   * jar a user runs is theirs to change, and a service runs as root at every boot). The default is
   * Linux's {@code /usr/local/lib/host-bridge}.
   *
   * @return the directory
   */
  default Path programDirectory() {
    return Path.of("/usr/local/lib/host-bridge");
  }
}
