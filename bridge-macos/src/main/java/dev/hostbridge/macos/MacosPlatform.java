package dev.hostbridge.macos;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.Diagnostic;
import dev.hostbridge.api.ServiceManager;
import dev.hostbridge.api.DockerVm;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.api.NetworkInterfaces;
import dev.hostbridge.api.Routes;
import dev.hostbridge.api.TapDevices;
import dev.hostbridge.api.TunnelDevices;
import dev.hostbridge.core.platform.CommandRunner;
import dev.hostbridge.macos.docker.DockerDesktopVm;
import dev.hostbridge.macos.docker.DockerProcesses;
import dev.hostbridge.macos.jna.IfaddrsSource;
import dev.hostbridge.macos.jna.JnaIfaddrs;
import dev.hostbridge.macos.jna.JnaSockets;
import dev.hostbridge.macos.jna.Sockets;
import dev.hostbridge.macos.net.IfaddrsDirectory;
import dev.hostbridge.macos.net.InterfaceDirectory;
import dev.hostbridge.macos.net.MacosInterfaces;
import dev.hostbridge.macos.net.MacosRoutes;
import dev.hostbridge.macos.tap.MacosTapDevices;
import dev.hostbridge.macos.tunnel.MacosTunnelDevices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The macOS host: tuntaposx devices, interfaces and routes through system calls, Docker Desktop.
 * Each part is made on first use, so that creating the platform (for {@code plan} on any machine,
 * or in a test) loads no native library and reads nothing.
 */
public final class MacosPlatform implements HostPlatform {

  private final Supplier<TapDevices> tapDevices;
  private final Supplier<MacosInterfaces> interfaces;
  private final Supplier<TunnelDevices> tunnelDevices;
  private final Supplier<Routes> routes;
  private final Supplier<DockerDesktopVm> dockerVm;
  private final BridgeConfig config;

  public MacosPlatform(BridgeConfig config) {
    this(config, new JnaSockets(), new JnaIfaddrs());
  }

  /** With the kernel's sockets and interface list given, so that tests can put a fake kernel behind both. */
  MacosPlatform(BridgeConfig config, Sockets sockets, IfaddrsSource ifaddrs) {
    this.config = config;
    Supplier<MacHost> host = dev.hostbridge.core.platform.Memoized.of(MacHost::detect);
    InterfaceDirectory directory = new IfaddrsDirectory(ifaddrs);
    // System tools run only where macOS has no API (installer, kmutil/kextload, plutil, osascript, open);
    // each call gives its own timeout, this default is never used.
    CommandRunner runner = new CommandRunner(Duration.ofMinutes(2));
    this.tapDevices = dev.hostbridge.core.platform.Memoized.of(() -> new MacosTapDevices(Path.of("/"), runner, host.get().appleSilicon()));
    this.interfaces = dev.hostbridge.core.platform.Memoized.of(() -> new MacosInterfaces(sockets, directory));
    this.tunnelDevices = dev.hostbridge.core.platform.Memoized.of(() -> new MacosTunnelDevices(interfaces.get()));
    this.routes = dev.hostbridge.core.platform.Memoized.of(() -> new MacosRoutes(sockets, directory, (int) ProcessHandle.current().pid()));
    this.dockerVm = dev.hostbridge.core.platform.Memoized.of(() -> new DockerDesktopVm(config, host, runner,
        DockerProcesses.fromProcessTable(), DockerDesktopVm.QuitWait.standard()));
  }

  @Override
  public String name() {
    return BridgeConfig.PLATFORM_MACOS;
  }

  @Override
  public TapDevices tapDevices() {
    return tapDevices.get();
  }

  @Override
  public NetworkInterfaces interfaces() {
    return interfaces.get();
  }

  /** utun interfaces; opening one needs root (run with sudo, or as the root service). */
  @Override
  public TunnelDevices tunnelDevices() {
    return tunnelDevices.get();
  }

  @Override
  public Routes routes() {
    return routes.get();
  }

  @Override
  public DockerVm dockerVm() {
    return dockerVm.get();
  }

  @Override
  public ServiceManager services() {
    return new LaunchdServices(Path.of("/"), new CommandRunner(Duration.ofMinutes(1)));
  }

  @Override
  public List<Diagnostic> diagnostics() {
    return new MacosDiagnostics(config, dockerVm.get(), tapDevices()).collect();
  }
}
