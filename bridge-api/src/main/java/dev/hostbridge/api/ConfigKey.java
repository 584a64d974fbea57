package dev.hostbridge.api;

import java.util.Optional;

/** Every setting host-bridge reads, with its command-line option and environment variable. */
public enum ConfigKey {
  NETWORK("network", "DOCKER_TAP_NETWORK"),
  DEVICE("device", "DOCKER_TAP_DEVICE"),
  MOBY_ETH("moby-eth", "DOCKER_TAP_MOBY_ETH"),
  DOCKER_APP("docker-app", "DOCKER_APP"),
  LAUNCHER("launcher", "HOST_BRIDGE_LAUNCHER"),
  SUBNET("subnet", "DOCKER_TAP_SUBNET"),
  GATEWAY("gateway", "DOCKER_TAP_GATEWAY"),
  HELPER_IMAGE("helper-image", "HOST_BRIDGE_HELPER_IMAGE"),
  RESTART_COMMAND("restart-command", "HOST_BRIDGE_RESTART_COMMAND"),
  STATE_DIR("state-dir", "HOST_BRIDGE_STATE_DIR"),
  PLATFORM("platform", null),
  TUNTAP_PKG("tuntap-pkg", null),
  DOCKER_HOST("docker-host", "DOCKER_HOST"),
  STRATEGY("strategy", "HOST_BRIDGE_STRATEGY"),
  TUNNEL_ADDRESS("tunnel-address", "HOST_BRIDGE_TUNNEL_ADDRESS"),
  TUNNEL_LISTEN("tunnel-listen", "HOST_BRIDGE_TUNNEL_LISTEN"),
  TUNNEL_ENDPOINT("tunnel-endpoint", "HOST_BRIDGE_TUNNEL_ENDPOINT"),
  TUNNEL_IMAGE("tunnel-image", "HOST_BRIDGE_TUNNEL_IMAGE"),
  ROUTE_ALL("route-all", "HOST_BRIDGE_ROUTE_ALL");

  private final String optionName;
  private final String environmentVariable;

  ConfigKey(String optionName, String environmentVariable) {
    this.optionName = optionName;
    this.environmentVariable = environmentVariable;
  }

  /** The option name without dashes, e.g. {@code network}. */
  public String optionName() {
    return optionName;
  }

  /** The command-line flag, e.g. {@code --network}. */
  public String flag() {
    return "--" + optionName;
  }

  public Optional<String> environmentVariable() {
    return Optional.ofNullable(environmentVariable);
  }

  /** Names the setting the way the person set it, e.g. {@code --network} or {@code DOCKER_TAP_NETWORK}. */
  public String describe(ConfigSource source) {
    if (source == ConfigSource.ENVIRONMENT && environmentVariable != null) {
      return environmentVariable + " (environment)";
    }
    if (source == ConfigSource.FILE && environmentVariable != null) {
      return environmentVariable + " (in the " + ConfigFile.VARIABLE + " file)";
    }
    return environmentVariable == null ? flag() : flag() + " / " + environmentVariable;
  }
}
