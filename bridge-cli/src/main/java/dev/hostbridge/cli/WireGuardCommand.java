package dev.hostbridge.cli;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.PacketDevice;
import dev.hostbridge.api.Route;
import dev.hostbridge.core.HostBridge;
import dev.hostbridge.core.Settings;
import dev.hostbridge.wireguard.Cidr;
import dev.hostbridge.wireguard.DevicePump;
import dev.hostbridge.wireguard.Uapi;
import dev.hostbridge.wireguard.UapiSocket;
import dev.hostbridge.wireguard.WireGuardConfig;
import dev.hostbridge.wireguard.WireGuardEndpoint;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code host-bridge wireguard up}: our WireGuard endpoint on its own, from a wg-quick file. */
@Command(name = "wireguard", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    subcommands = {WireGuardCommand.Up.class, WireGuardCommand.Show.class},
    description = "Run host-bridge's WireGuard endpoint on its own, from a standard WireGuard configuration file.",
    footer = {"", "Examples:",
        "  sudo host-bridge wireguard up --config wg0.conf",
        "  sudo host-bridge wireguard show wg0",
        "", ExitCodes.FOOTER_1, ExitCodes.FOOTER_2, ExitCodes.FOOTER_3})
final class WireGuardCommand implements Runnable {

  @Spec CommandSpec spec;

  /** Where the userspace-API sockets are: wg's directory, or {@value #RUN_DIR_VARIABLE} (an absolute path). */
  static final String RUN_DIR_VARIABLE = "HOST_BRIDGE_WIREGUARD_RUN_DIR";

  static Path runDir(CliEnvironment environment) {
    String value = environment.variables().get(RUN_DIR_VARIABLE);
    if (value == null || value.isEmpty()) {
      return UapiSocket.RUN_DIR;
    }
    Path path = Path.of(value);
    if (!path.isAbsolute() || !path.normalize().equals(path) || value.length() > 200) {
      throw new BridgeException(ErrorCode.CONFIG_INVALID.code("wireguard-run-dir"), BridgeException.Kind.USER, RUN_DIR_VARIABLE + "=" + value
          + " is not an absolute path without . or .. parts", "Give an absolute directory, or unset it for /var/run/wireguard.");
    }
    return path;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: choose up or show.");
  }

  @Command(name = "up", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = {"Create the tunnel interface (named after the file, as wg-quick does; utunN on macOS), give it the"
          + " [Interface] Address and MTU, route each peer's AllowedIPs into it, listen on ListenPort on every address,"
          + " and stay in the foreground until stopped (SIGTERM or Ctrl-C), when all of it is removed.",
          "While it runs it answers WireGuard's userspace API on /var/run/wireguard/<interface>.sock (mode 0600), so that"
          + " `wg show` and `host-bridge wireguard show` report it.",
          "Needs root. PreUp/PostUp/PreDown/PostDown, DNS, Table, FwMark and SaveConfig are refused, never run."},
      footer = {"", ExitCodes.FOOTER_1, ExitCodes.FOOTER_2, ExitCodes.FOOTER_3})
  static final class Up implements java.util.concurrent.Callable<Integer> {

    static final int DEFAULT_MTU = 1420;
    private static final long MAX_FILE = 1 << 20;

    @Option(names = "--config", required = true, paramLabel = "FILE",
        description = "The configuration, in the format wg-quick reads; its name without .conf names the interface.")
    Path file;

    /** Counted down when the endpoint is up; for tests that run the command in-process. */
    final CountDownLatch up = new CountDownLatch(1);
    private final CountDownLatch stop = new CountDownLatch(1);

    private final CliEnvironment environment;
    private final BridgeFactory factory;
    private final Renderer renderer;

    @jakarta.inject.Inject
    Up(CliEnvironment environment, BridgeFactory factory, Renderer renderer) {
      this.environment = environment;
      this.factory = factory;
      this.renderer = renderer;
    }

    @Override
    public Integer call() {
      try {
        BridgeConfig config = Settings.builder().environment(environment.variables()).build();
        try (HostBridge bridge = factory.builder(config).build()) {
          return run(bridge.platform());
        }
      } catch (BridgeException e) {
        renderer.error(e);
        return ExitCodes.of(e);
      } finally {
        renderer.finish();
      }
    }

    int run(HostPlatform platform) {
      Path runDir = runDir(environment);
      WireGuardConfig config = read(file);
      String name = interfaceName(file);
      List<Ipv4Cidr> addresses = ipv4(config.iface().addresses(), "[Interface] Address");
      List<Ipv4Cidr> routes = new ArrayList<>();
      for (WireGuardConfig.Peer peer : config.peers()) {
        for (Ipv4Cidr allowed : ipv4(peer.allowedIps(), "AllowedIPs of peer " + peer.publicKey())) {
          boolean connected = addresses.stream().anyMatch(a -> a.network().equals(allowed.network()));
          if (!connected && !routes.contains(allowed)) {
            routes.add(allowed);
          }
        }
      }
      int mtu = config.iface().mtu().orElse(DEFAULT_MTU);
      PacketDevice device = platform.tunnelDevices().open(name, mtu);
      // On SIGTERM the JVM halts once its hooks return, so the hook waits for the cleanup below.
      CountDownLatch cleanedUp = new CountDownLatch(1);
      Thread cleanup = new Thread(() -> {
        stop.countDown();
        try {
          cleanedUp.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "host-bridge-wireguard-stop");
      Runtime.getRuntime().addShutdownHook(cleanup);
      DevicePump pump = new DevicePump(device);
      WireGuardEndpoint endpoint = null;
      UapiSocket uapi = null;
      try {
        for (Ipv4Cidr address : addresses) {
          platform.interfaces().addAddress(device.name(), address);
        }
        platform.interfaces().setUp(device.name(), true);
        for (Ipv4Cidr route : routes) {
          platform.routes().add(new Route(route, Optional.empty(), Optional.of(device.name())));
        }
        endpoint = new WireGuardEndpoint(config.iface().privateKey(), new InetSocketAddress(config.iface().listenPort().orElse(0)),
            config.peers(), pump);
        pump.start(endpoint);
        uapi = listenForWg(runDir, device.name(), endpoint);
        renderer.line("wireguard up: %s (MTU %d) listening on UDP port %d for %d peer(s); stop with SIGTERM or Ctrl-C",
            device.name(), mtu, endpoint.localAddress().getPort(), config.peers().size());
        up.countDown();
        awaitStop(); // the endpoint keeps its sessions and keepalives by itself
        renderer.line("wireguard up: stopping; %s and its routes go", device.name());
        return ExitCodes.OK;
      } catch (IOException e) {
        throw new BridgeException(ErrorCode.WIREGUARD_FAILED, "the WireGuard endpoint failed: " + e.getMessage(),
            "Check that ListenPort is free (ss -ulpn).", e);
      } finally {
        if (uapi != null) {
          uapi.close();
        }
        closeQuietly(endpoint);
        try {
          pump.close(); // closes the device: the kernel removes the interface and its routes
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        cleanedUp.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException alreadyShuttingDown) {
          // the hook is what stopped us
        }
      }
    }

    private static UapiSocket listenForWg(Path runDir, String interfaceName, WireGuardEndpoint endpoint) {
      try {
        return UapiSocket.listen(runDir, interfaceName, endpoint);
      } catch (IOException e) {
        throw new BridgeException(ErrorCode.WIREGUARD_FAILED, "cannot answer wg on " + UapiSocket.socketPath(runDir, interfaceName)
            + ": " + e.getMessage(), "Stop the other WireGuard interface named " + interfaceName + ", or rename the file.", e);
      }
    }

    private void awaitStop() {
      try {
        stop.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** Stops a command running in-process (tests); SIGTERM does the same for the process. */
    void stop() {
      stop.countDown();
    }

    private static void closeQuietly(WireGuardEndpoint endpoint) {
      if (endpoint != null) {
        try {
          endpoint.close();
        } catch (IOException e) {
          // the socket is going anyway
        }
      }
    }

    static WireGuardConfig read(Path file) {
      try {
        if (!Files.isRegularFile(file) || Files.size(file) > MAX_FILE) {
          throw new BridgeException(ErrorCode.WIREGUARD_CONFIG, file + " is not a regular file of at most 1 MiB",
              "Give --config the path of a WireGuard configuration file.");
        }
        return WireGuardConfig.parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
      } catch (IOException e) {
        throw new BridgeException(ErrorCode.WIREGUARD_CONFIG, "cannot read " + file + ": " + e.getMessage(),
            "Give --config the path of a readable WireGuard configuration file.", e);
      } catch (WireGuardConfig.Invalid e) {
        throw new BridgeException(ErrorCode.WIREGUARD_CONFIG, e.getMessage(), "Correct the file and run the command again.");
      }
    }

    /** As wg-quick: the file's name without {@code .conf}, 1 to 15 of the characters interface names may have. */
    static String interfaceName(Path file) {
      String base = file.getFileName().toString();
      String name = base.endsWith(".conf") ? base.substring(0, base.length() - 5) : base;
      if (!name.matches("[a-zA-Z0-9_=+.-]{1,15}")) {
        throw new BridgeException(ErrorCode.WIREGUARD_CONFIG, "the interface name \"" + name + "\" (from the file name) is not"
            + " 1 to 15 letters, digits or _=+.-", "Rename the file, e.g. to wg0.conf.");
      }
      return name;
    }

    private static List<Ipv4Cidr> ipv4(List<Cidr> cidrs, String what) {
      List<Ipv4Cidr> out = new ArrayList<>();
      for (Cidr cidr : cidrs) {
        if (!(cidr.address() instanceof Inet4Address)) {
          throw new BridgeException(ErrorCode.WIREGUARD_CONFIG, what + ": " + cidr + " is IPv6, which host-bridge does not route yet",
              "Remove the IPv6 entries.");
        }
        out.add(Ipv4Cidr.parse(cidr.toString()));
      }
      return out;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = {"Print what `wg show` prints for a userspace WireGuard interface (host-bridge's, or wireguard-go's):"
          + " its public key and port, and for each peer its endpoint, allowed IPs, latest handshake, transfer and"
          + " persistent keepalive. Without INTERFACE, every interface that answers in /var/run/wireguard.",
          "Needs root: the interfaces' sockets are root's alone."},
      footer = {"", "Examples:", "  sudo host-bridge wireguard show wg0", "  sudo host-bridge wireguard show --json",
          "", ExitCodes.FOOTER_1, ExitCodes.FOOTER_2, ExitCodes.FOOTER_3})
  static final class Show implements java.util.concurrent.Callable<Integer> {

    @picocli.CommandLine.Parameters(arity = "0..1", paramLabel = "INTERFACE",
        description = "The interface: the file name wireguard up was given, less .conf (utunN on macOS).")
    String name;

    @Option(names = "--json", description = "Print one JSON object: command, interfaces (name, publicKey, listenPort, peers"
        + " with publicKey, endpoint, allowedIps, latestHandshake, receivedBytes, sentBytes, persistentKeepalive), exitCode.")
    boolean json;

    private final Renderer renderer;
    private final CliEnvironment environment;

    @jakarta.inject.Inject
    Show(CliEnvironment environment, Renderer renderer) {
      this.environment = environment;
      this.renderer = renderer;
    }

    @Override
    public Integer call() {
      try {
        Path runDir = runDir(environment);
        java.util.Map<String, Uapi.Device> devices = new java.util.LinkedHashMap<>();
        for (String each : name == null ? answering(runDir) : List.of(checked(name))) {
          String answer = UapiSocket.get(runDir, each).orElseThrow(() -> new BridgeException(ErrorCode.WIREGUARD_NOT_RUNNING,
              "no WireGuard interface " + each + " answers on " + UapiSocket.socketPath(runDir, each),
              "Start it (sudo host-bridge wireguard up --config " + each + ".conf), or run this with sudo: the socket is root's."));
          devices.put(each, parse(each, answer));
        }
        if (json) {
          renderer.json().wireguard(devices, ExitCodes.OK);
        } else if (!devices.isEmpty()) {
          java.time.Instant now = java.time.Instant.now();
          renderer.line("%s", devices.entrySet().stream().map(e -> WireGuardShowText.render(e.getKey(), e.getValue(), now))
              .collect(java.util.stream.Collectors.joining("\n")).stripTrailing());
        }
        return ExitCodes.OK;
      } catch (BridgeException e) {
        if (json) {
          renderer.json().error("wireguard show", e, ExitCodes.of(e));
        } else {
          renderer.error(e);
        }
        return ExitCodes.of(e);
      } finally {
        renderer.finish();
      }
    }

    private static Uapi.Device parse(String interfaceName, String answer) {
      try {
        return Uapi.parse(answer);
      } catch (IllegalArgumentException e) {
        throw new BridgeException(ErrorCode.WIREGUARD_FAILED, interfaceName + " gave an answer that is not WireGuard's: "
            + e.getMessage(), "Check what listens on " + interfaceName + ".sock.", e);
      }
    }

    private static String checked(String interfaceName) {
      if (!interfaceName.matches("[A-Za-z0-9_=+.-]{1,15}") || interfaceName.matches("\\.+")) {
        throw new BridgeException(ErrorCode.WIREGUARD_CONFIG, "\"" + interfaceName + "\" is not an interface name",
            "Give INTERFACE as wireguard up named it: 1 to 15 letters, digits or _=+.- (utunN on macOS).");
      }
      return interfaceName;
    }

    /** Every interface in the run directory whose socket answers, by name. */
    private static List<String> answering(Path runDir) {
      List<String> names = new ArrayList<>();
      try (var files = Files.list(runDir)) {
        files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".sock")).sorted()
            .map(f -> f.substring(0, f.length() - 5))
            .filter(n -> n.matches("[A-Za-z0-9_=+.-]{1,15}") && UapiSocket.get(runDir, n).isPresent())
            .forEach(names::add);
      } catch (IOException e) {
        // no run directory: no interfaces
      }
      return names;
    }
  }
}
