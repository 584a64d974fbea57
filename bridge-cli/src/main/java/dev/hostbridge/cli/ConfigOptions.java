package dev.hostbridge.cli;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.core.Settings;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The settings every command takes; flags win over environment variables, which win over defaults. */
public final class ConfigOptions {

  private final Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);

  @Option(names = "--network", paramLabel = "NAME", description = "Docker network to create (env DOCKER_TAP_NETWORK; default tap).")
  void network(String value) {
    values.put(ConfigKey.NETWORK, value);
  }

  @Option(names = "--device", paramLabel = "DEV", description = "Host tap device: tap0..tap15 on macOS, an interface name on Linux (env DOCKER_TAP_DEVICE; default tap1).")
  void device(String value) {
    values.put(ConfigKey.DEVICE, value);
  }

  @Option(names = "--moby-eth", paramLabel = "N", description = "Use the VM's ethN as the network's parent instead of finding the NIC by MAC (env DOCKER_TAP_MOBY_ETH).")
  void mobyEth(String value) {
    values.put(ConfigKey.MOBY_ETH, value);
  }

  @Option(names = "--docker-app", paramLabel = "PATH", description = "Docker.app to use (env DOCKER_APP; default /Applications/Docker.app, then ~/Applications/Docker.app).")
  void dockerApp(String value) {
    values.put(ConfigKey.DOCKER_APP, value);
  }

  @Option(names = "--launcher", paramLabel = "PATH", description = "The VM launcher to shim, instead of looking inside Docker.app (env HOST_BRIDGE_LAUNCHER).")
  void launcher(String value) {
    values.put(ConfigKey.LAUNCHER, value);
  }

  @Option(names = "--subnet", paramLabel = "CIDR", description = "Subnet of the Docker network, e.g. 10.0.75.0/24 (env DOCKER_TAP_SUBNET; default: Docker chooses).")
  void subnet(String value) {
    values.put(ConfigKey.SUBNET, value);
  }

  @Option(names = "--gateway", paramLabel = "IP", description = "Gateway of the network, the host's address on the tap device (env DOCKER_TAP_GATEWAY; needs --subnet).")
  void gateway(String value) {
    values.put(ConfigKey.GATEWAY, value);
  }

  @Option(names = "--helper-image", paramLabel = "IMAGE", description = "Image of the short-lived helper container that configures the VM's NIC (env HOST_BRIDGE_HELPER_IMAGE; default busybox:stable).")
  void helperImage(String value) {
    values.put(ConfigKey.HELPER_IMAGE, value);
  }

  @Option(names = "--restart-command", paramLabel = "CMD", description = "Command that restarts the Docker VM, run without a shell (env HOST_BRIDGE_RESTART_COMMAND; default on macOS: quit and reopen Docker Desktop).")
  void restartCommand(String value) {
    values.put(ConfigKey.RESTART_COMMAND, value);
  }

  @Option(names = "--state-dir", paramLabel = "DIR", description = "Where the journal is kept (env HOST_BRIDGE_STATE_DIR).")
  void stateDir(String value) {
    values.put(ConfigKey.STATE_DIR, value);
  }

  @Option(names = "--platform", paramLabel = "NAME", description = "Platform implementation: macos or linux (default: this machine's).")
  void platform(String value) {
    values.put(ConfigKey.PLATFORM, value);
  }

  @Option(names = "--tuntap-pkg", paramLabel = "FILE", description = "tuntaposx installer package to install when the driver is missing (macOS).")
  void tuntapPkg(String value) {
    values.put(ConfigKey.TUNTAP_PKG, value);
  }

  @Option(names = "--docker-host", paramLabel = "URI", description = "Docker endpoint, unix:///path or tcp://host:port (env DOCKER_HOST; default: current docker context, then the usual sockets).")
  void dockerHost(String value) {
    values.put(ConfigKey.DOCKER_HOST, value);
  }

  @Option(names = "--strategy", paramLabel = "NAME", description = "tap (the seed's tap and macvlan network; HyperKit only), tunnel (a WireGuard tunnel into the VM) or auto: tap on a HyperKit Docker Desktop, tunnel elsewhere (env HOST_BRIDGE_STRATEGY; default auto).")
  void strategy(String value) {
    values.put(ConfigKey.STRATEGY, value);
  }

  @Option(names = "--tunnel-address", paramLabel = "CIDR", description = "The /30 of the tunnel's two ends: the host takes the first address, the VM the second (env HOST_BRIDGE_TUNNEL_ADDRESS; default 10.254.254.252/30).")
  void tunnelAddress(String value) {
    values.put(ConfigKey.TUNNEL_ADDRESS, value);
  }

  @Option(names = "--tunnel-listen", paramLabel = "IP[:PORT]", description = "Where the host's WireGuard socket listens (env HOST_BRIDGE_TUNNEL_LISTEN; default 127.0.0.1, a port the kernel chooses).")
  void tunnelListen(String value) {
    values.put(ConfigKey.TUNNEL_LISTEN, value);
  }

  @Option(names = "--tunnel-endpoint", paramLabel = "HOST", description = "Where the VM sends to reach the host: an IPv4 address, or a name the VM resolves (env HOST_BRIDGE_TUNNEL_ENDPOINT; default host.docker.internal).")
  void tunnelEndpoint(String value) {
    values.put(ConfigKey.TUNNEL_ENDPOINT, value);
  }

  @Option(names = "--tunnel-image", paramLabel = "IMAGE", description = "Image of the VM side's helper container; needs sh, ip, wg and iptables (env HOST_BRIDGE_TUNNEL_IMAGE; default: host-bridge's own, built locally).")
  void tunnelImage(String value) {
    values.put(ConfigKey.TUNNEL_IMAGE, value);
  }

  @Option(names = "--route-all", paramLabel = "BOOL", arity = "0..1", fallbackValue = "true", description = "With the tap: also "
      + "route every local Docker network's IPv4 subnets from this host through the VM's tap NIC, following networks as they come "
      + "and go; subnets the host routes already are skipped (env HOST_BRIDGE_ROUTE_ALL=true; default false; the tunnel always "
      + "routes every network).")
  void routeAll(String value) {
    values.put(ConfigKey.ROUTE_ALL, value);
  }

  private final java.util.List<String> settings = new java.util.ArrayList<>();

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A plugin's setting, e.g. --set greeting.text=hi (env "
      + "HOST_BRIDGE_<KEY> with dots and dashes as '_', e.g. HOST_BRIDGE_GREETING_TEXT); repeatable.")
  void set(String assignment) {
    settings.add(assignment);
  }

  /** Validates the three layers into a configuration; throws InvalidConfigException naming the field. */
  public BridgeConfig toConfig(Map<String, String> environment) {
    return toConfig(environment, SudoUserHome.system());
  }

  BridgeConfig toConfig(Map<String, String> environment, SudoUserHome sudoHome) {
    return toConfig(environment, sudoHome, Map.of());
  }

  /** As {@link #toConfig(Map)}, with these values over the flags (a command's own, such as its state directory). */
  BridgeConfig toConfig(Map<String, String> environment, Map<ConfigKey, String> overrides) {
    return toConfig(environment, SudoUserHome.system(), overrides);
  }

  private BridgeConfig toConfig(Map<String, String> environment, SudoUserHome sudoHome, Map<ConfigKey, String> overrides) {
    Settings.Builder builder = Settings.builder().environment(environment);
    sudoHome.resolve(System.getProperty("user.name", ""), System.getProperty("os.name", ""), environment).ifPresent(builder::home);
    values.forEach(builder::set);
    overrides.forEach(builder::set);
    settings.forEach(builder::setting);
    return builder.build();
  }
}
