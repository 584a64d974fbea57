package dev.hostbridge.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The validated, immutable settings of one host-bridge run, as steps, plugins and platforms read
 * them. This is a view: host-bridge's core makes it ({@code dev.hostbridge.core.Settings}), layering
 * defaults, a settings file, environment variables and explicit values, and checks every value
 * before anything on the machine changes; the policy (defaults, allowed forms) lives there, not in
 * this dependency-free API.
 */
public interface BridgeConfig {

  /** The name of the macOS platform provider: the default platform on macOS. */
  String PLATFORM_MACOS = "macos";
  /** The name of the Linux platform provider: the default platform on every other OS. */
  String PLATFORM_LINUX = "linux";

  /** How the host reaches the containers: the seed's tap and macvlan, or a WireGuard tunnel; auto picks. */
  enum Strategy {
    /** The seed's tap device and macvlan network; works where Docker Desktop runs HyperKit. */
    TAP,
    /** A WireGuard tunnel into the VM. */
    TUNNEL,
    /** The tap where Docker Desktop runs HyperKit, the tunnel elsewhere. */
    AUTO;

    /**
     * The strategy as {@code --strategy} and {@code HOST_BRIDGE_STRATEGY} name it.
     *
     * @return the lower-case name, e.g. {@code tunnel}
     */
    public String optionValue() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The environment variables the configuration was built from (the builder's environment):
   * besides the settings, host-bridge reads DOCKER_CONTEXT and DOCKER_CONFIG from them to find
   * Docker. The one place an embedder gives the environment.
   *
   * @return the variables by name, unmodifiable; empty when the builder was given none
   */
  Map<String, String> environment();

  /**
   * The settings of plugins ({@code --set myplugin.key=value}, {@code HOST_BRIDGE_MYPLUGIN_KEY}).
   *
   * @return the plugins' settings
   */
  PluginSettings pluginSettings();

  /**
   * Which platform implementation to use: the name of a {@link HostPlatformProvider}. When it was
   * not given ({@link #source} is DEFAULT) it is this OS's usual one ({@value #PLATFORM_MACOS} or
   * {@value #PLATFORM_LINUX}), and the provider with the highest priority that supports the OS wins.
   *
   * @return the provider's name: 1 to 32 lower-case letters, digits and '-'
   */
  String platform();

  /**
   * The Docker network to create or adopt (the seed's {@code DOCKER_TAP_NETWORK}).
   *
   * @return the network's name; {@code tap} by default
   */
  String network();

  /**
   * The host's tap device, e.g. {@code tap1}.
   *
   * @return the device's name: {@code tap0} to {@code tap15} on macOS, a Linux interface name
   *     elsewhere; {@code tap1} by default
   */
  String device();

  /**
   * The VM's NIC number when named explicitly ({@code ethN}); empty means "find it by MAC".
   *
   * @return N of the VM's {@code ethN}, 0 to 999; empty when not given
   */
  OptionalInt mobyEth();

  /**
   * Docker's app bundle ({@code --docker-app}), as an absolute path with a leading {@code ~}
   * expanded.
   *
   * @return the app bundle; empty when not given, and the platform's usual places
   *     ({@link DockerVm#dockerAppCandidates()}) are looked at
   */
  Optional<Path> dockerApp();

  /**
   * The VM launcher that the shim goes in place of ({@code --launcher}), as an absolute path with
   * a leading {@code ~} expanded.
   *
   * @return the launcher; empty when not given, and it is found inside Docker's app bundle
   */
  Optional<Path> launcher();

  /**
   * The network's subnet in network form, e.g. {@code 10.0.75.0/24}.
   *
   * @return the subnet, prefix /8 to /30; empty when not given, and Docker chooses
   */
  Optional<Ipv4Cidr> subnet();

  /**
   * The network's gateway with the subnet's prefix, e.g. {@code 10.0.75.1/24}.
   *
   * @return a host address of {@link #subnet()}; empty when not given, and Docker chooses
   */
  Optional<Ipv4Cidr> gateway();

  /**
   * The image of the short-lived helper container that looks into the VM ({@code --helper-image}).
   *
   * @return an image reference; {@code busybox:stable} by default
   */
  String helperImage();

  /**
   * The command that restarts the Docker VM, split into arguments (no shell); empty when unset.
   *
   * @return the program and its arguments, unmodifiable
   */
  List<String> restartCommand();

  /**
   * The directory where host-bridge keeps its journal, its lock and the tunnel's key
   * ({@code --state-dir}), as an absolute path.
   *
   * @return the directory; by default {@code ~/Library/Application Support/host-bridge} on macOS,
   *     elsewhere {@code $XDG_STATE_HOME/host-bridge} or {@code ~/.local/state/host-bridge}
   */
  Path stateDir();

  /**
   * The tuntaposx installer package that the {@code tuntap-driver} step installs
   * ({@code --tuntap-pkg}), as an absolute path.
   *
   * @return a file whose name ends in {@code .pkg} or {@code .mpkg}; empty when not given
   */
  Optional<Path> tuntapPackage();

  /**
   * The Docker endpoint named by {@code --docker-host} or {@code DOCKER_HOST}; see {@link #source}.
   *
   * @return {@code unix:///path} or {@code tcp://host:port}; empty when neither is given
   */
  Optional<String> dockerHost();

  /**
   * {@code --strategy}: tap, tunnel, or auto (the default: tap where Docker Desktop runs HyperKit, tunnel elsewhere).
   *
   * @return the strategy
   */
  Strategy strategy();

  /**
   * {@code --tunnel-address}: the /30 of the tunnel's two ends; the host takes its first usable
   * address and the VM the second (the default, 10.254.254.252/30, gives 10.254.254.253 and .254).
   *
   * @return the /30 in network form
   */
  Ipv4Cidr tunnelAddress();

  /**
   * The host's end of the tunnel, with the /30's prefix.
   *
   * @return the first usable address of {@link #tunnelAddress()}, e.g. {@code 10.254.254.253/30}
   */
  default Ipv4Cidr tunnelHostAddress() {
    return tunnelAddress().withAddress(tunnelAddress().address() + 1);
  }

  /**
   * The VM's end of the tunnel, with the /30's prefix.
   *
   * @return the second usable address of {@link #tunnelAddress()}, e.g. {@code 10.254.254.254/30}
   */
  default Ipv4Cidr tunnelVmAddress() {
    return tunnelAddress().withAddress(tunnelAddress().address() + 2);
  }

  /**
   * {@code --tunnel-listen}: the IPv4 address the host's UDP socket binds to (default 127.0.0.1).
   *
   * @return the address's 32 bits, most significant octet first (see {@link Ipv4Cidr#formatAddress})
   */
  int tunnelListenAddress();

  /**
   * The port of {@code --tunnel-listen}; 0 lets the kernel choose.
   *
   * @return the UDP port, 1 to 65535, or 0 when none was given
   */
  int tunnelListenPort();

  /**
   * {@code --tunnel-endpoint}: where the VM sends to reach the host, an IPv4 address or a name the VM resolves.
   *
   * @return the address or host name; {@code host.docker.internal} by default
   */
  String tunnelEndpoint();

  /**
   * {@code --tunnel-image}: the VM side's image; empty means host-bridge's own, built locally.
   *
   * @return the image reference; empty when not given
   */
  Optional<String> tunnelImage();

  /**
   * {@code --route-all}: with the tap, also route every local Docker network's IPv4 subnets from
   * the host through the VM's tap NIC (the tunnel always does).
   *
   * @return true when it was given; false by default
   */
  boolean routeAll();

  /**
   * The person on whose behalf the tool runs: {@code SUDO_USER} when run through sudo.
   *
   * @return a user name: {@code SUDO_USER} when it is set and not root, else the builder's
   *     the builder's invoking user, by default the {@code user.name} property
   */
  String invokingUser();

  /**
   * The invoking user's home directory: what a leading {@code ~} of a path setting stands for, and
   * where the defaults and Docker's own files (its contexts, its socket) are looked for.
   *
   * @return an absolute path; by default the {@code user.home} property
   */
  Path home();

  /**
   * Where a setting's value came from; {@link ConfigSource#DEFAULT} for unset ones.
   *
   * @param key the setting
   * @return the layer that gave its value
   */
  ConfigSource source(ConfigKey key);

  /**
   * The text a setting was given as, before parsing.
   *
   * @param key the setting
   * @return the text of the layer that won; empty when the setting has no value, not even a default
   */
  Optional<String> rawValue(ConfigKey key);
}
