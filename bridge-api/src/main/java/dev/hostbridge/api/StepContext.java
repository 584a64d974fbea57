package dev.hostbridge.api;

import java.util.Optional;

/** What a step may use while it runs: the settings, the platform, its journal record, progress. */
public interface StepContext {

  BridgeConfig config();

  HostPlatform platform();

  /**
   * Remembers a fact about this step's change (an original file's checksum, an id that was
   * created); it is journaled before the run goes on and given back to {@link #recorded} on revert.
   */
  void record(String key, String value);

  /** A fact that this step's {@code apply} recorded, when it was applied before. */
  Optional<String> recorded(String key);

  /** Tells listeners how a long operation is going (e.g. "waiting for the daemon, 12 s"). */
  void progress(String message);

  /** A plugin's setting ({@code --set myplugin.key=value} or {@code HOST_BRIDGE_MYPLUGIN_KEY}). */
  default Optional<String> setting(String key) {
    return config().pluginSettings().get(key);
  }

  /**
   * Read-only access to the Docker engine host-bridge uses, made on first use (so a step that does
   * not call it needs no Docker). Contexts made outside host-bridge's engine may have none.
   */
  default DockerAccess docker() {
    throw new BridgeException(ErrorCode.DOCKER_UNREACHABLE, "this step context has no Docker access",
        "Run the step through HostBridge, whose contexts give it.");
  }
}
