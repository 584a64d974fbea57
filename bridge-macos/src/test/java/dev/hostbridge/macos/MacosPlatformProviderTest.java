package dev.hostbridge.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.api.HostPlatformProvider;
import dev.hostbridge.core.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MacosPlatformProviderTest {

  final MacosPlatformProvider provider = new MacosPlatformProvider();

  @Test
  void serviceLoaderFindsIt() {
    List<HostPlatformProvider> found = ServiceLoader.load(HostPlatformProvider.class).stream()
        .map(ServiceLoader.Provider::get).filter(p -> p instanceof MacosPlatformProvider).toList();
    assertEquals(1, found.size());
    assertEquals("macos", found.get(0).name());
  }

  @Test
  void supportsMacosOnly() {
    assertTrue(provider.supports("Mac OS X"));
    assertTrue(provider.supports("macOS"));
    assertFalse(provider.supports("Linux"));
    assertFalse(provider.supports("Windows 11"));
    assertFalse(provider.supports("FreeBSD"));
    assertFalse(provider.supports(""));
    assertFalse(provider.supports(null));
  }

  @Test
  void createsThePlatformWithoutTouchingTheSystem(@TempDir Path home) {
    BridgeConfig config = Settings.builder().osName("Mac OS X").home(home).environment(Map.of()).build();
    HostPlatform platform = provider.create(config);
    assertEquals("macos", platform.name());
    // The Docker part needs neither native code nor a Mac to list its candidates.
    assertEquals(home.resolve("Applications/Docker.app"), platform.dockerVm().dockerAppCandidates().get(1));
  }

  @Test
  void appleSiliconIsRecognisedEvenUnderRosetta() {
    assertTrue(MacHost.isAppleSilicon("aarch64", java.util.OptionalInt.empty()));
    assertTrue(MacHost.isAppleSilicon("x86_64", java.util.OptionalInt.of(1)), "an x86_64 JVM translated by Rosetta");
    assertFalse(MacHost.isAppleSilicon("x86_64", java.util.OptionalInt.empty()), "Intel has no hw.optional.arm64");
    assertFalse(MacHost.isAppleSilicon("x86_64", java.util.OptionalInt.of(0)));
  }
}
