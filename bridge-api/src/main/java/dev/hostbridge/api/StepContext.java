package dev.hostbridge.api;

import java.util.Optional;

/** What a step may use while it runs: the settings, the platform, its journal record, progress. */
public interface StepContext {

  /**
   * The settings of the run.
   *
   * @return the settings
   */
  BridgeConfig config();

  /**
   * The platform the run changes the machine through.
   *
   * @return the platform
   */
  HostPlatform platform();

  /**
   * Remembers a fact about this step's change (an original file's checksum, an id that was
   * created); it is journaled before the run goes on and given back to {@link #recorded} on revert.
   *
   * @param key a name of the step's own choosing
   * @param value the fact
   */
  void record(String key, String value);

  /**
   * A fact that this step's {@code apply} recorded, when it was applied before.
   *
   * @param key the name it was recorded under
   * @return the fact; empty when nothing was recorded under {@code key}
   */
  Optional<String> recorded(String key);

  /**
   * Tells listeners how a long operation is going (e.g. "waiting for the daemon, 12 s").
   *
   * @param message one line for people
   */
  void progress(String message);

  /**
   * A plugin's setting ({@code --set myplugin.key=value} or {@code HOST_BRIDGE_MYPLUGIN_KEY}).
   *
   * @param key the setting's key, {@code namespace.name}
   * @return the value; empty when it is not given
   * @throws PluginSettings.InvalidSettingException when the key is not of the form {@code namespace.name}
   */
  default Optional<String> setting(String key) {
    return config().pluginSettings().get(key);
  }

  /**
   * Read-only access to the Docker engine host-bridge uses, made on first use (so a step that does
   * not call it needs no Docker). Contexts made outside host-bridge's engine may have none.
   *
   * @return the Docker engine's read-only access
   * @throws BridgeException ({@link ErrorCode#DOCKER_UNREACHABLE}) from a context without Docker
   *     access, which this default is
   */
  default DockerAccess docker() {
    throw new BridgeException(ErrorCode.DOCKER_UNREACHABLE, "this step context has no Docker access",
        "Run the step through HostBridge, whose contexts give it.");
  }
}
