package dev.hostbridge.macos.docker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.api.DockerVm;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.api.NetworkInterfaces;
import dev.hostbridge.api.PlanBlockedException;
import dev.hostbridge.api.PlannedStep;
import dev.hostbridge.api.Routes;
import dev.hostbridge.api.StepStatus;
import dev.hostbridge.api.TapDevices;
import dev.hostbridge.core.HostBridge;
import dev.hostbridge.core.Settings;
import dev.hostbridge.core.docker.DockerEndpoint;
import dev.hostbridge.core.docker.DockerEngine;
import dev.hostbridge.core.docker.HelperRun;
import dev.hostbridge.core.internal.Seams;
import dev.hostbridge.core.platform.CommandRunner;
import dev.hostbridge.macos.MacHost;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a Docker Desktop that does not use HyperKit, {@code --strategy auto} takes the tunnel; asked
 * for the tap all the same, plan and install report the launcher step BLOCKED with what was found
 * and why (issue 5's "done when"). The Docker.app and the settings file are fakes on disk; the
 * backend is read by the real DockerDesktopVm.
 */
class UnsupportedBackendPlanTest {

  @TempDir Path home;
  Path app;
  Path launcher;
  DockerEngine docker;

  @BeforeEach
  void setUp() throws Exception {
    app = FakeDockerApp.app(home.resolve("Applications/Docker.app"), "4.30.0", true);
    launcher = app.resolve("Contents/Resources/bin/com.docker.hyperkit");
    Files.write(launcher, new byte[] {(byte) 0xcf, (byte) 0xfa, (byte) 0xed, (byte) 0xfe, 7, 0, 0, 1}); // a Mach-O header
    FakeDockerApp.settings(home, "settings-store.json", "{\"UseVirtualizationFramework\": true}");
    docker = mock(DockerEngine.class);
    when(docker.endpoint()).thenReturn(new DockerEndpoint(URI.create("unix:///fake.sock"), "test"));
    when(docker.hasImage(anyString())).thenReturn(true);
    when(docker.network(anyString())).thenReturn(Optional.empty());
    when(docker.runHelper(any())).thenReturn(new HelperRun.Result(0, "eth0 02:50:00:00:00:01 0x1003\n"));
  }

  HostBridge bridge() {
    return bridge("tap");
  }

  HostBridge bridge(String strategy) {
    BridgeConfig config = Settings.builder().osName("Mac OS X").home(home).invokingUser("ada")
        .set(ConfigKey.STATE_DIR, home.resolve("state").toString()).set(ConfigKey.STRATEGY, strategy).build();
    DockerVm vm = new DockerDesktopVm(config, () -> new MacHost(false, "13.6"), new CommandRunner(Duration.ofSeconds(5)),
        dockerApp -> false, DockerDesktopVm.QuitWait.standard());
    return Seams.dockerEngine(HostBridge.builder(config).platform(new MacWithDockerDesktop(vm)), () -> docker).discoverPlugins(false).build();
  }

  @Test
  void autoTakesTheTunnelOnThisDockerDesktop() {
    HostBridge bridge = bridge("auto");
    assertEquals(BridgeConfig.Strategy.TUNNEL, bridge.strategy());
    assertEquals(List.of("tunnel-key", "tunnel-image", "tunnel-host", "tunnel-vm", "tunnel-routes"),
        bridge.steps().stream().map(dev.hostbridge.api.Step::id).toList());
  }

  @Test
  void planShowsTheLauncherStepBlockedWithTheReason() {
    PlannedStep shim = bridge().plan().steps().stream().filter(s -> s.id().equals("launcher-shim")).findFirst().orElseThrow();
    assertEquals(StepStatus.State.BLOCKED, shim.status().state());
    assertTrue(shim.status().reason().contains("UseVirtualizationFramework"), shim.status().reason());
    assertTrue(shim.status().remedy().contains("HyperKit"), shim.status().remedy());
  }

  @Test
  void installChangesNothing() throws Exception {
    byte[] before = Files.readAllBytes(launcher);
    PlanBlockedException e = assertThrows(PlanBlockedException.class, bridge()::install);
    assertTrue(e.getMessage().contains("launcher-shim"), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(launcher));
    assertEquals(List.of("com.docker.hyperkit"), List.of(launcher.getParent().toFile().list()));
    verify(docker, never()).createNetwork(any());
  }

  /** A Mac whose tap driver is loaded and whose Docker Desktop is the fake one; nothing here needs root. */
  record MacWithDockerDesktop(DockerVm vm) implements HostPlatform {
    @Override
    public String name() {
      return "macos";
    }

    @Override
    public TapDevices tapDevices() {
      TapDevices devices = mock(TapDevices.class);
      when(devices.driverPresent()).thenReturn(true);
      when(devices.owner("tap1")).thenReturn(Optional.of("root"));
      return devices;
    }

    @Override
    public NetworkInterfaces interfaces() {
      NetworkInterfaces interfaces = mock(NetworkInterfaces.class);
      when(interfaces.find(anyString())).thenReturn(Optional.empty());
      return interfaces;
    }

    @Override
    public Routes routes() {
      return mock(Routes.class);
    }

    @Override
    public DockerVm dockerVm() {
      return vm;
    }
  }
}
