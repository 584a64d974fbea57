package dev.hostbridge.core;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.api.ConfigSource;
import dev.hostbridge.api.InvalidConfigException;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.PluginSettings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Makes the validated, immutable settings of one host-bridge run ({@link BridgeConfig}, the API's
 * read-only view): the policy of the built-in settings, their defaults and allowed forms, lives
 * here. Values come in layers: defaults, the settings file {@code HOST_BRIDGE_CONFIG} names,
 * environment variables, then explicit values (command-line flags or an embedder's calls); a later
 * layer wins. Every value is checked on {@link Builder#build()}, before anything on the machine
 * changes, and a bad one is reported with the field's name, where it came from and the allowed form.
 */
public final class Settings implements BridgeConfig {

  private static final java.util.regex.Pattern PLATFORM_NAME = java.util.regex.Pattern.compile("[a-z][a-z0-9-]{0,31}");

  static final Pattern NETWORK_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  static final Pattern MACOS_TAP = Pattern.compile("tap(?:[0-9]|1[0-5])");
  static final Pattern LINUX_IFNAME = Pattern.compile("[A-Za-z0-9_-]{1,15}");
  static final Pattern IMAGE_REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:@+-]{0,254}");
  static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*");
  static final Pattern DOCKER_HOST_URI = Pattern.compile("unix:///[^\\s]+|tcp://[A-Za-z0-9.\\[\\]:-]+:[0-9]{1,5}/?");

  private final Map<ConfigKey, String> raw;
  private final Map<ConfigKey, ConfigSource> sources;
  private final String invokingUser;
  private final Path home;
  private final Map<String, String> environment;
  private final PluginSettings pluginSettings;

  private final String platform;
  private final String network;
  private final String device;
  private final Integer mobyEth;
  private final Path dockerApp;
  private final Path launcher;
  private final Ipv4Cidr subnet;
  private final Ipv4Cidr gateway;
  private final String helperImage;
  private final List<String> restartCommand;
  private final Path stateDir;
  private final Path tuntapPkg;
  private final String dockerHost;
  private final Strategy strategy;
  private final Ipv4Cidr tunnelAddress;
  private final int tunnelListenAddress;
  private final int tunnelListenPort;
  private final String tunnelEndpoint;
  private final String tunnelImage;
  private final boolean routeAll;

  private Settings(Builder b, Map<ConfigKey, String> raw, Map<ConfigKey, ConfigSource> sources) {
    this.raw = Collections.unmodifiableMap(raw);
    this.sources = Collections.unmodifiableMap(sources);
    this.invokingUser = b.invokingUser;
    this.home = b.home;
    this.environment = b.env;
    this.pluginSettings = PluginSettings.of(b.pluginSettings, b.env);
    Validator v = new Validator(raw, sources, b.home);
    this.platform = v.platform();
    this.network = v.network();
    this.device = v.device(platform);
    this.mobyEth = v.mobyEth();
    this.dockerApp = v.path(ConfigKey.DOCKER_APP);
    this.launcher = v.path(ConfigKey.LAUNCHER);
    this.subnet = v.subnet();
    this.gateway = v.gateway(subnet);
    this.helperImage = v.helperImage();
    this.restartCommand = v.restartCommand();
    this.stateDir = v.path(ConfigKey.STATE_DIR);
    this.tuntapPkg = v.tuntapPackage();
    this.dockerHost = v.dockerHost();
    this.strategy = v.strategy();
    this.tunnelAddress = v.tunnelAddress();
    int[] listen = v.tunnelListen();
    this.tunnelListenAddress = listen[0];
    this.tunnelListenPort = listen[1];
    this.tunnelEndpoint = v.tunnelEndpoint();
    this.tunnelImage = v.tunnelImage();
    this.routeAll = v.routeAll();
  }

  @Override
  public Map<String, String> environment() {
    return environment;
  }

  @Override
  public PluginSettings pluginSettings() {
    return pluginSettings;
  }

  /**
   * Checks {@code value} as strictly as the option {@code key} is checked on the command line, for
   * a value read back from somewhere less trusted (the journal). Supports the device and the
   * network; throws an {@link InvalidConfigException} naming the option.
   *
   * @param key {@link ConfigKey#DEVICE} or {@link ConfigKey#NETWORK}
   * @param value the value to check
   * @param platform the platform the device is for: {@value #PLATFORM_MACOS} takes {@code tap0} to
   *     {@code tap15}, any other a Linux interface name
   * @return {@code value}, unchanged, when it is allowed
   * @throws InvalidConfigException when {@code value} is not allowed
   * @throws IllegalArgumentException for a key other than the device or the network
   */
  public static String check(ConfigKey key, String value, String platform) {
    Map<ConfigKey, String> raw = new EnumMap<>(ConfigKey.class);
    raw.put(key, value);
    raw.put(ConfigKey.PLATFORM, platform);
    Validator validator = new Validator(raw, Map.of(), Path.of("/"));
    return switch (key) {
      case DEVICE -> validator.device(platform);
      case NETWORK -> validator.network();
      default -> throw new IllegalArgumentException("no check for recorded " + key);
    };
  }

  /**
   * Starts a configuration with this JVM's OS name, home directory and user, and no environment.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String platform() {
    return platform;
  }

  @Override
  public String network() {
    return network;
  }

  @Override
  public String device() {
    return device;
  }

  @Override
  public OptionalInt mobyEth() {
    return mobyEth == null ? OptionalInt.empty() : OptionalInt.of(mobyEth);
  }

  @Override
  public Optional<Path> dockerApp() {
    return Optional.ofNullable(dockerApp);
  }

  @Override
  public Optional<Path> launcher() {
    return Optional.ofNullable(launcher);
  }

  @Override
  public Optional<Ipv4Cidr> subnet() {
    return Optional.ofNullable(subnet);
  }

  @Override
  public Optional<Ipv4Cidr> gateway() {
    return Optional.ofNullable(gateway);
  }

  @Override
  public String helperImage() {
    return helperImage;
  }

  @Override
  public List<String> restartCommand() {
    return restartCommand;
  }

  @Override
  public Path stateDir() {
    return stateDir;
  }

  @Override
  public Optional<Path> tuntapPackage() {
    return Optional.ofNullable(tuntapPkg);
  }

  @Override
  public Optional<String> dockerHost() {
    return Optional.ofNullable(dockerHost);
  }

  @Override
  public Strategy strategy() {
    return strategy;
  }

  @Override
  public Ipv4Cidr tunnelAddress() {
    return tunnelAddress;
  }

  @Override
  public Ipv4Cidr tunnelHostAddress() {
    return tunnelAddress.withAddress(tunnelAddress.address() + 1);
  }

  @Override
  public Ipv4Cidr tunnelVmAddress() {
    return tunnelAddress.withAddress(tunnelAddress.address() + 2);
  }

  @Override
  public int tunnelListenAddress() {
    return tunnelListenAddress;
  }

  @Override
  public int tunnelListenPort() {
    return tunnelListenPort;
  }

  @Override
  public String tunnelEndpoint() {
    return tunnelEndpoint;
  }

  @Override
  public Optional<String> tunnelImage() {
    return Optional.ofNullable(tunnelImage);
  }

  @Override
  public boolean routeAll() {
    return routeAll;
  }

  @Override
  public String invokingUser() {
    return invokingUser;
  }

  @Override
  public Path home() {
    return home;
  }

  @Override
  public ConfigSource source(ConfigKey key) {
    return sources.getOrDefault(key, ConfigSource.DEFAULT);
  }

  @Override
  public Optional<String> rawValue(ConfigKey key) {
    return Optional.ofNullable(raw.get(key));
  }

  @Override
  public String toString() {
    return "BridgeConfig" + raw;
  }

  /** Collects the three layers; {@link #build()} validates them. Not thread-safe. */
  public static final class Builder {
    private final Map<ConfigKey, String> defaults = new EnumMap<>(ConfigKey.class);
    private final Map<ConfigKey, String> environment = new EnumMap<>(ConfigKey.class);
    private final Map<ConfigKey, String> explicit = new EnumMap<>(ConfigKey.class);
    private String osName = System.getProperty("os.name", "");
    private Path home = Path.of(System.getProperty("user.home", "/"));
    private String invokingUser = System.getProperty("user.name", "root");
    private Map<String, String> env = Map.of();
    private final Map<String, String> pluginSettings = new java.util.LinkedHashMap<>();

    private Builder() {}

    /**
     * A plugin's setting, as {@code --set key=value} gives it; wins over its environment variable.
     * The key's form and the value are checked here; that some plugin takes the key is checked when
     * the plugins are known.
     *
     * @param key the setting's key, {@code namespace.name}, e.g. {@code greeting.text}
     * @param value its value: one line of at most 1024 characters; not null
     * @return this builder
     * @throws PluginSettings.InvalidSettingException when the key or the value is not of that form
     */
    public Builder setting(String key, String value) {
      PluginSettings.checkKey(key, "a setting");
      PluginSettings.checkValue(key, Objects.requireNonNull(value));
      pluginSettings.put(key, value);
      return this;
    }

    /**
     * {@code --set key=value}, parsed and checked.
     *
     * @param assignment {@code key=value}, as {@code --set} takes it
     * @return this builder
     * @throws PluginSettings.InvalidSettingException when it is not {@code key=value}, or the key or
     *     the value is not of the allowed form
     */
    public Builder setting(String assignment) {
      Map.Entry<String, String> parsed = PluginSettings.parse(assignment);
      pluginSettings.put(parsed.getKey(), parsed.getValue());
      return this;
    }

    /**
     * The operating system name, as in the {@code os.name} property (for the defaults).
     *
     * @param osName e.g. {@code Mac OS X} or {@code Linux}; a name that starts with "mac", in any
     *     case, gives macOS's defaults; not null
     * @return this builder
     */
    public Builder osName(String osName) {
      this.osName = Objects.requireNonNull(osName);
      return this;
    }

    /**
     * The invoking user's home directory (for the defaults).
     *
     * @param home the directory; a relative path is made absolute
     * @return this builder
     */
    public Builder home(Path home) {
      this.home = home.toAbsolutePath();
      return this;
    }

    /**
     * The invoking user; {@code SUDO_USER} in {@link #environment} wins over it.
     *
     * @param user a user name; not null
     * @return this builder
     */
    public Builder invokingUser(String user) {
      this.invokingUser = Objects.requireNonNull(user);
      return this;
    }

    /**
     * The environment-variable layer, e.g. {@code System.getenv()}. Empty values count as unset.
     * When it has {@code HOST_BRIDGE_CONFIG}, {@link #build()} reads that settings file as the
     * layer below it ({@link ConfigFile}).
     *
     * @param variables the variables by name; copied, and replacing those of an earlier call
     * @return this builder
     */
    public Builder environment(Map<String, String> variables) {
      this.env = Map.copyOf(variables);
      environment.clear();
      for (ConfigKey key : ConfigKey.values()) {
        key.environmentVariable()
            .map(variables::get)
            .filter(value -> !value.isEmpty())
            .ifPresent(value -> environment.put(key, value));
      }
      return this;
    }

    /**
     * An explicit value (a flag); wins over the environment. {@code null} clears it.
     *
     * @param key the setting
     * @param value its text, as on the command line; checked by {@link #build()}
     * @return this builder
     */
    public Builder set(ConfigKey key, String value) {
      if (value == null) {
        explicit.remove(key);
      } else {
        explicit.put(key, value);
      }
      return this;
    }

    /**
     * Merges the layers (defaults, the settings file, the environment, explicit values; a later
     * one wins) and checks every value. A {@code SUDO_USER} in the environment, other than root,
     * becomes the invoking user.
     *
     * @return the validated settings
     * @throws InvalidConfigException when a value is not allowed, naming the setting and its source
     * @throws dev.hostbridge.api.BridgeException ({@link dev.hostbridge.api.ErrorCode#CONFIG_FILE}) when the settings file
     *     {@code HOST_BRIDGE_CONFIG} names cannot be used
     */
    public BridgeConfig build() {
      String sudoUser = env.get("SUDO_USER");
      if (sudoUser != null && !sudoUser.isEmpty() && !sudoUser.equals("root")) {
        invokingUser = sudoUser;
      }
      fillDefaults();
      Map<ConfigKey, String> merged = new EnumMap<>(ConfigKey.class);
      Map<ConfigKey, ConfigSource> sources = new EnumMap<>(ConfigKey.class);
      layer(defaults, ConfigSource.DEFAULT, merged, sources);
      String file = env.get(ConfigFile.VARIABLE);
      if (file != null && !file.isEmpty()) {
        layer(ConfigFile.read(file), ConfigSource.FILE, merged, sources);
      }
      layer(environment, ConfigSource.ENVIRONMENT, merged, sources);
      layer(explicit, ConfigSource.EXPLICIT, merged, sources);
      return new Settings(this, merged, sources);
    }

    private static void layer(
        Map<ConfigKey, String> layer, ConfigSource source, Map<ConfigKey, String> merged, Map<ConfigKey, ConfigSource> sources) {
      layer.forEach((key, value) -> {
        merged.put(key, value);
        sources.put(key, source);
      });
    }

    private void fillDefaults() {
      boolean mac = osName.toLowerCase(Locale.ROOT).startsWith("mac");
      defaults.put(ConfigKey.PLATFORM, mac ? PLATFORM_MACOS : PLATFORM_LINUX);
      defaults.put(ConfigKey.NETWORK, "tap");
      defaults.put(ConfigKey.DEVICE, "tap1");
      defaults.put(ConfigKey.HELPER_IMAGE, "busybox:stable");
      defaults.put(ConfigKey.STRATEGY, "auto");
      defaults.put(ConfigKey.TUNNEL_ADDRESS, "10.254.254.252/30");
      defaults.put(ConfigKey.TUNNEL_LISTEN, "127.0.0.1");
      defaults.put(ConfigKey.TUNNEL_ENDPOINT, "host.docker.internal");
      defaults.put(ConfigKey.ROUTE_ALL, "false");
      String stateHome = env.get("XDG_STATE_HOME");
      Path state;
      if (mac) {
        state = home.resolve("Library/Application Support/host-bridge");
      } else if (stateHome != null && stateHome.startsWith("/")) {
        state = Path.of(stateHome, "host-bridge");
      } else {
        state = home.resolve(".local/state/host-bridge");
      }
      defaults.put(ConfigKey.STATE_DIR, state.toString());
    }
  }

  /** Parses and checks each value, naming the field and its source on failure. */
  private static final class Validator {
    private final Map<ConfigKey, String> raw;
    private final Map<ConfigKey, ConfigSource> sources;
    private final Path home;

    Validator(Map<ConfigKey, String> raw, Map<ConfigKey, ConfigSource> sources, Path home) {
      this.raw = raw;
      this.sources = sources;
      this.home = home;
    }

    private InvalidConfigException invalid(ConfigKey key, String problem, String allowed) {
      return new InvalidConfigException(key, sources.getOrDefault(key, ConfigSource.DEFAULT), problem, allowed);
    }

    private String quoted(ConfigKey key) {
      return "'" + printable(raw.get(key)) + "'";
    }

    /** A provider's name; which providers exist is known only when they are looked up. */
    String platform() {
      String value = raw.get(ConfigKey.PLATFORM);
      if (!PLATFORM_NAME.matcher(value).matches()) {
        throw invalid(ConfigKey.PLATFORM, quoted(ConfigKey.PLATFORM) + " is not a platform name",
            "Use the name of a platform provider: macos, linux, or a plugin's (1 to 32 lower-case letters, digits and '-').");
      }
      return value;
    }

    String network() {
      String value = raw.get(ConfigKey.NETWORK);
      if (!NETWORK_NAME.matcher(value).matches()) {
        throw invalid(ConfigKey.NETWORK, quoted(ConfigKey.NETWORK) + " is not a Docker network name",
            "Use 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit (e.g. tap).");
      }
      return value;
    }

    String device(String platform) {
      String value = raw.get(ConfigKey.DEVICE);
      if (PLATFORM_MACOS.equals(platform)) {
        if (!MACOS_TAP.matcher(value).matches()) {
          throw invalid(ConfigKey.DEVICE, quoted(ConfigKey.DEVICE) + " is not a tuntaposx tap device",
              "Use tap0 to tap15 (tuntaposx creates /dev/tap0../dev/tap15), e.g. tap1.");
        }
      } else if (!LINUX_IFNAME.matcher(value).matches()) {
        throw invalid(ConfigKey.DEVICE, quoted(ConfigKey.DEVICE) + " is not a Linux interface name",
            "Use 1 to 15 letters, digits, '-' or '_', e.g. tap1.");
      }
      return value;
    }

    Integer mobyEth() {
      String value = raw.get(ConfigKey.MOBY_ETH);
      if (value == null) {
        return null;
      }
      if (!value.matches("[0-9]{1,3}")) {
        throw invalid(ConfigKey.MOBY_ETH, quoted(ConfigKey.MOBY_ETH) + " is not a NIC number",
            "Give the number N of the VM's ethN, 0 to 999 (e.g. 1 for eth1), or leave it unset to find the NIC by MAC.");
      }
      return Integer.valueOf(value);
    }

    Path path(ConfigKey key) {
      String value = raw.get(key);
      if (value == null) {
        return null;
      }
      if (value.isBlank() || !printable(value).equals(value)) {
        throw invalid(key, quoted(key) + " is not a usable path", "Give a file system path without control characters.");
      }
      String expanded = value.equals("~") ? home.toString() : value.startsWith("~/") ? home + value.substring(1) : value;
      try {
        return Path.of(expanded).toAbsolutePath().normalize();
      } catch (InvalidPathException e) {
        throw invalid(key, quoted(key) + " is not a valid path (" + e.getReason() + ")", "Give a valid file system path.");
      }
    }

    Path tuntapPackage() {
      Path pkg = path(ConfigKey.TUNTAP_PKG);
      if (pkg != null && !pkg.getFileName().toString().matches(".+\\.m?pkg")) {
        throw invalid(ConfigKey.TUNTAP_PKG, quoted(ConfigKey.TUNTAP_PKG) + " is not an installer package",
            "Give the tuntaposx installer package, a file ending in .pkg (e.g. tuntap_20150118.pkg).");
      }
      return pkg;
    }

    Ipv4Cidr subnet() {
      String value = raw.get(ConfigKey.SUBNET);
      if (value == null) {
        return null;
      }
      Ipv4Cidr cidr;
      try {
        cidr = Ipv4Cidr.parse(value);
      } catch (IllegalArgumentException e) {
        throw invalid(ConfigKey.SUBNET, quoted(ConfigKey.SUBNET) + " is not an IPv4 subnet (" + e.getMessage() + ")",
            "Use address/prefix, e.g. 10.0.75.0/24.");
      }
      if (cidr.prefixLength() < 8 || cidr.prefixLength() > 30) {
        throw invalid(ConfigKey.SUBNET, "prefix /" + cidr.prefixLength() + " leaves no room or is too wide",
            "Use a prefix from /8 to /30, e.g. 10.0.75.0/24.");
      }
      if (!cidr.isNetworkAddress()) {
        throw invalid(ConfigKey.SUBNET, quoted(ConfigKey.SUBNET) + " has host bits set",
            "Use the network address, e.g. " + cidr.network() + ".");
      }
      return cidr;
    }

    Ipv4Cidr gateway(Ipv4Cidr subnet) {
      String value = raw.get(ConfigKey.GATEWAY);
      if (value == null) {
        return null;
      }
      int address;
      try {
        address = Ipv4Cidr.parseAddress(value);
      } catch (IllegalArgumentException e) {
        throw invalid(ConfigKey.GATEWAY, e.getMessage(), "Use an IPv4 address inside the subnet, e.g. 10.0.75.1.");
      }
      if (subnet == null) {
        throw invalid(ConfigKey.GATEWAY, "a gateway needs a subnet",
            "Give " + ConfigKey.SUBNET.flag() + " (or DOCKER_TAP_SUBNET) too, e.g. --subnet 10.0.75.0/24.");
      }
      if (!subnet.contains(address) || address == subnet.address() || address == subnet.broadcast()) {
        throw invalid(ConfigKey.GATEWAY, quoted(ConfigKey.GATEWAY) + " is not a host address of " + subnet,
            "Use an address inside " + subnet + " other than its network and broadcast addresses, e.g. "
                + Ipv4Cidr.formatAddress(subnet.address() + 1) + ".");
      }
      return subnet.withAddress(address);
    }

    String helperImage() {
      String value = raw.get(ConfigKey.HELPER_IMAGE);
      if (!IMAGE_REFERENCE.matcher(value).matches()) {
        throw invalid(ConfigKey.HELPER_IMAGE, quoted(ConfigKey.HELPER_IMAGE) + " is not an image reference",
            "Use a Docker image reference such as busybox:stable (letters, digits, '.', '_', '/', ':', '@', '+', '-').");
      }
      return value;
    }

    List<String> restartCommand() {
      String value = raw.get(ConfigKey.RESTART_COMMAND);
      if (value == null) {
        return List.of();
      }
      String allowed = "Give a program and its arguments, e.g. --restart-command '/usr/local/bin/restart-vm --wait'; "
          + "quote arguments with ' or \"; it runs without a shell.";
      if (!printable(value).equals(value)) {
        throw invalid(ConfigKey.RESTART_COMMAND, "contains control characters", allowed);
      }
      try {
        List<String> words = CommandWords.split(value);
        if (words.isEmpty()) {
          throw invalid(ConfigKey.RESTART_COMMAND, "is empty", allowed);
        }
        return words;
      } catch (IllegalArgumentException e) {
        throw invalid(ConfigKey.RESTART_COMMAND, e.getMessage(), allowed);
      }
    }

    Strategy strategy() {
      String value = raw.get(ConfigKey.STRATEGY);
      for (Strategy strategy : Strategy.values()) {
        if (strategy.optionValue().equals(value)) {
          return strategy;
        }
      }
      throw invalid(ConfigKey.STRATEGY, quoted(ConfigKey.STRATEGY) + " is not a strategy",
          "Use tap (the seed's tap and macvlan network; HyperKit only), tunnel (a WireGuard tunnel into the VM), or auto.");
    }

    Ipv4Cidr tunnelAddress() {
      String value = raw.get(ConfigKey.TUNNEL_ADDRESS);
      String allowed = "Give a /30 in network form for the tunnel's two ends, e.g. 10.254.254.252/30 (the host takes .253, the VM .254).";
      Ipv4Cidr cidr;
      try {
        cidr = Ipv4Cidr.parse(value);
      } catch (IllegalArgumentException e) {
        throw invalid(ConfigKey.TUNNEL_ADDRESS, quoted(ConfigKey.TUNNEL_ADDRESS) + " is not an IPv4 subnet (" + e.getMessage() + ")", allowed);
      }
      if (cidr.prefixLength() != 30 || !cidr.isNetworkAddress()) {
        throw invalid(ConfigKey.TUNNEL_ADDRESS, quoted(ConfigKey.TUNNEL_ADDRESS) + " is not a /30 network", allowed);
      }
      return cidr;
    }

    /** {address, port}. */
    int[] tunnelListen() {
      String value = raw.get(ConfigKey.TUNNEL_LISTEN);
      String allowed = "Give an IPv4 address of this host, with a port if you want one, e.g. 127.0.0.1 or 192.168.1.5:51820.";
      int colon = value.indexOf(':');
      String host = colon < 0 ? value : value.substring(0, colon);
      int port = 0;
      if (colon >= 0) {
        String digits = value.substring(colon + 1);
        if (!digits.matches("[0-9]{1,5}") || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > 65535) {
          throw invalid(ConfigKey.TUNNEL_LISTEN, quoted(ConfigKey.TUNNEL_LISTEN) + " has no port from 1 to 65535 after ':'", allowed);
        }
        port = Integer.parseInt(digits);
      }
      try {
        return new int[] {Ipv4Cidr.parseAddress(host), port};
      } catch (IllegalArgumentException e) {
        throw invalid(ConfigKey.TUNNEL_LISTEN, quoted(ConfigKey.TUNNEL_LISTEN) + " is not an IPv4 address", allowed);
      }
    }

    String tunnelEndpoint() {
      String value = raw.get(ConfigKey.TUNNEL_ENDPOINT);
      boolean address;
      try {
        Ipv4Cidr.parseAddress(value);
        address = true;
      } catch (IllegalArgumentException e) {
        address = false;
      }
      if (!address && (value.length() > 253 || !HOST_NAME.matcher(value).matches())) {
        throw invalid(ConfigKey.TUNNEL_ENDPOINT, quoted(ConfigKey.TUNNEL_ENDPOINT) + " is neither an IPv4 address nor a host name",
            "Give where the VM reaches this host, e.g. host.docker.internal (the default) or 192.168.65.254.");
      }
      return value;
    }

    String tunnelImage() {
      String value = raw.get(ConfigKey.TUNNEL_IMAGE);
      if (value != null && !IMAGE_REFERENCE.matcher(value).matches()) {
        throw invalid(ConfigKey.TUNNEL_IMAGE, quoted(ConfigKey.TUNNEL_IMAGE) + " is not an image reference",
            "Use a Docker image reference, e.g. host-bridge-tunnel:local; the image needs sh, ip, wg and iptables.");
      }
      return value;
    }

    boolean routeAll() {
      String value = raw.get(ConfigKey.ROUTE_ALL);
      if ("true".equals(value)) {
        return true;
      }
      if ("false".equals(value)) {
        return false;
      }
      throw invalid(ConfigKey.ROUTE_ALL, quoted(ConfigKey.ROUTE_ALL) + " is neither true nor false",
          "Give --route-all alone (or --route-all true) to route every Docker network, or leave it out for the tap's one network.");
    }

    String dockerHost() {
      String value = raw.get(ConfigKey.DOCKER_HOST);
      if (value == null) {
        return null;
      }
      if (!DOCKER_HOST_URI.matcher(value).matches() || (value.startsWith("tcp://") && !validPort(value))) {
        throw invalid(ConfigKey.DOCKER_HOST, quoted(ConfigKey.DOCKER_HOST) + " is not a supported Docker endpoint",
            "Use unix:///path/to/docker.sock or tcp://host:port with a port from 1 to 65535.");
      }
      return value;
    }
  }

  private static boolean validPort(String tcpUri) {
    String rest = tcpUri.endsWith("/") ? tcpUri.substring(0, tcpUri.length() - 1) : tcpUri;
    int port = Integer.parseInt(rest.substring(rest.lastIndexOf(':') + 1));
    return port >= 1 && port <= 65535;
  }

  /** Replaces control characters so that a hostile value cannot forge output lines. */
  static String printable(String value) {
    StringBuilder out = new StringBuilder(value.length());
    value.codePoints().forEach(c -> {
      if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }

  /** Splits a command line into words the way a person expects, without running a shell. */
  static final class CommandWords {
    private CommandWords() {}

    static List<String> split(String line) {
      List<String> words = new ArrayList<>();
      StringBuilder word = new StringBuilder();
      boolean inWord = false;
      char quote = 0;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (quote != 0) {
          if (c == quote) {
            quote = 0;
          } else {
            word.append(c);
          }
        } else if (c == '\'' || c == '"') {
          quote = c;
          inWord = true;
        } else if (c == ' ' || c == '\t') {
          if (inWord) {
            words.add(word.toString());
            word.setLength(0);
            inWord = false;
          }
        } else {
          word.append(c);
          inWord = true;
        }
      }
      if (quote != 0) {
        throw new IllegalArgumentException("has an unterminated " + quote + " quote");
      }
      if (inWord) {
        words.add(word.toString());
      }
      return List.copyOf(words);
    }
  }
}
