package dev.hostbridge.linux;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.Diagnostic;
import dev.hostbridge.api.ServiceManager;
import dev.hostbridge.core.platform.CommandRunner;
import java.time.Duration;
import dev.hostbridge.api.DockerVm;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.api.NetworkInterfaces;
import dev.hostbridge.api.Routes;
import dev.hostbridge.api.TapDevices;
import dev.hostbridge.api.TunnelDevices;
import java.nio.file.Path;
import java.util.List;

/** The HostPlatform for Linux: tun/tap, rtnetlink and ioctl through JNA. */
public final class LinuxPlatform implements HostPlatform {

  private static final Path SYS_CLASS_NET = Path.of("/sys/class/net");

  private final TapDevices tapDevices = new LinuxTapDevices(SYS_CLASS_NET);
  private final LinuxInterfaces interfaces = new LinuxInterfaces(SYS_CLASS_NET);
  private final TunnelDevices tunnelDevices = new LinuxTunnelDevices(interfaces);
  private final Routes routes = new LinuxRoutes(Path.of("/proc/net/route"), interfaces);
  private final DockerVm dockerVm;

  public LinuxPlatform(BridgeConfig config) {
    this.dockerVm = new LinuxDockerVm(config);
  }

  @Override
  public String name() {
    return LinuxPlatformProvider.NAME;
  }

  @Override
  public TapDevices tapDevices() {
    return tapDevices;
  }

  @Override
  public TunnelDevices tunnelDevices() {
    return tunnelDevices;
  }

  @Override
  public NetworkInterfaces interfaces() {
    return interfaces;
  }

  @Override
  public Routes routes() {
    return routes;
  }

  @Override
  public DockerVm dockerVm() {
    return dockerVm;
  }

  @Override
  public ServiceManager services() {
    return new SystemdServices(Path.of("/"), new CommandRunner(Duration.ofMinutes(1)));
  }

  @Override
  public List<Diagnostic> diagnostics() {
    String checked = "checked that /dev/net/tun is a character device";
    return List.of(tapDevices.driverPresent()
        ? Diagnostic.fact("tap driver", "loaded (" + checked + ")")
        : Diagnostic.problem("tap driver", "not loaded (" + checked + ")", tapDevices.driverRemedy(),
            BridgeException.Kind.PREREQUISITE));
  }
}
