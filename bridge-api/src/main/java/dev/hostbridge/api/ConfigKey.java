package dev.hostbridge.api;

import java.util.Optional;

/** Every setting host-bridge reads, with its command-line option and environment variable. */
public enum ConfigKey {
  /** The Docker network ({@link BridgeConfig#network()}). */
  NETWORK("network", "DOCKER_TAP_NETWORK"),
  /** The host's tap device ({@link BridgeConfig#device()}). */
  DEVICE("device", "DOCKER_TAP_DEVICE"),
  /** The VM's NIC number ({@link BridgeConfig#mobyEth()}). */
  MOBY_ETH("moby-eth", "DOCKER_TAP_MOBY_ETH"),
  /** Docker's app bundle ({@link BridgeConfig#dockerApp()}). */
  DOCKER_APP("docker-app", "DOCKER_APP"),
  /** The VM launcher ({@link BridgeConfig#launcher()}). */
  LAUNCHER("launcher", "HOST_BRIDGE_LAUNCHER"),
  /** The network's subnet ({@link BridgeConfig#subnet()}). */
  SUBNET("subnet", "DOCKER_TAP_SUBNET"),
  /** The network's gateway ({@link BridgeConfig#gateway()}). */
  GATEWAY("gateway", "DOCKER_TAP_GATEWAY"),
  /** The helper container's image ({@link BridgeConfig#helperImage()}). */
  HELPER_IMAGE("helper-image", "HOST_BRIDGE_HELPER_IMAGE"),
  /** The command that restarts the Docker VM ({@link BridgeConfig#restartCommand()}). */
  RESTART_COMMAND("restart-command", "HOST_BRIDGE_RESTART_COMMAND"),
  /** The state directory ({@link BridgeConfig#stateDir()}). */
  STATE_DIR("state-dir", "HOST_BRIDGE_STATE_DIR"),
  /** The platform provider ({@link BridgeConfig#platform()}); command line only. */
  PLATFORM("platform", null),
  /** The tuntaposx installer package ({@link BridgeConfig#tuntapPackage()}); command line only. */
  TUNTAP_PKG("tuntap-pkg", null),
  /** The Docker endpoint ({@link BridgeConfig#dockerHost()}). */
  DOCKER_HOST("docker-host", "DOCKER_HOST"),
  /** How the host reaches the containers ({@link BridgeConfig#strategy()}). */
  STRATEGY("strategy", "HOST_BRIDGE_STRATEGY"),
  /** The tunnel's /30 ({@link BridgeConfig#tunnelAddress()}). */
  TUNNEL_ADDRESS("tunnel-address", "HOST_BRIDGE_TUNNEL_ADDRESS"),
  /** The address and port of the host's tunnel socket ({@link BridgeConfig#tunnelListenAddress()}). */
  TUNNEL_LISTEN("tunnel-listen", "HOST_BRIDGE_TUNNEL_LISTEN"),
  /** Where the VM reaches the host ({@link BridgeConfig#tunnelEndpoint()}). */
  TUNNEL_ENDPOINT("tunnel-endpoint", "HOST_BRIDGE_TUNNEL_ENDPOINT"),
  /** The tunnel's VM-side image ({@link BridgeConfig#tunnelImage()}). */
  TUNNEL_IMAGE("tunnel-image", "HOST_BRIDGE_TUNNEL_IMAGE"),
  /** Whether every Docker network is routed ({@link BridgeConfig#routeAll()}). */
  ROUTE_ALL("route-all", "HOST_BRIDGE_ROUTE_ALL");

  private final String optionName;
  private final String environmentVariable;

  ConfigKey(String optionName, String environmentVariable) {
    this.optionName = optionName;
    this.environmentVariable = environmentVariable;
  }

  /**
   * The option name without dashes, e.g. {@code network}.
   *
   * @return the name
   */
  public String optionName() {
    return optionName;
  }

  /**
   * The command-line flag, e.g. {@code --network}.
   *
   * @return the option name after two dashes
   */
  public String flag() {
    return "--" + optionName;
  }

  /**
   * The environment variable that sets it, which is also its name in the settings file.
   *
   * @return the variable, e.g. {@code DOCKER_TAP_NETWORK}; empty for a setting that only the
   *     command line gives ({@code --platform}, {@code --tuntap-pkg})
   */
  public Optional<String> environmentVariable() {
    return Optional.ofNullable(environmentVariable);
  }

  /**
   * Names the setting the way the person set it, e.g. {@code --network} or {@code DOCKER_TAP_NETWORK}.
   *
   * @param source where the value came from
   * @return for the environment or the settings file, the variable and where it was, e.g.
   *     {@code DOCKER_TAP_NETWORK (environment)}; otherwise the flag, with the variable when there
   *     is one, e.g. {@code --network / DOCKER_TAP_NETWORK}
   */
  public String describe(ConfigSource source) {
    if (source == ConfigSource.ENVIRONMENT && environmentVariable != null) {
      return environmentVariable + " (environment)";
    }
    if (source == ConfigSource.FILE && environmentVariable != null) {
      return environmentVariable + " (in the " + ConfigSource.FILE_VARIABLE + " file)";
    }
    return environmentVariable == null ? flag() : flag() + " / " + environmentVariable;
  }
}
