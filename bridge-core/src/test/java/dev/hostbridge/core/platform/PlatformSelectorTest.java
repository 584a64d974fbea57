package dev.hostbridge.core.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.api.HostPlatformProvider;
import dev.hostbridge.core.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformSelectorTest {

  record Provider(String name, int priority, String os) implements HostPlatformProvider {
    @Override
    public boolean supports(String osName) {
      return osName.equals(os);
    }

    @Override
    public HostPlatform create(BridgeConfig config) {
      throw new UnsupportedOperationException();
    }
  }

  static BridgeConfig config(String... platform) {
    Settings.Builder builder = Settings.builder().osName("Linux").environment(Map.of());
    if (platform.length > 0) {
      builder.set(ConfigKey.PLATFORM, platform[0]);
    }
    return builder.build();
  }

  final Provider linux = new Provider("linux", 0, "Linux");
  final Provider better = new Provider("linux-plus", 10, "Linux");
  final Provider mac = new Provider("macos", 0, "Mac OS X");

  @Test
  void withoutANameTheHighestPriorityProviderForThisOsWins() {
    assertEquals(better, new PlatformSelector(List.of(linux, mac, better), "Linux").provider(config()));
  }

  @Test
  void aNamedProviderIsUsedWhateverItsPriority() {
    assertEquals(linux, new PlatformSelector(List.of(linux, better), "Linux").provider(config("linux")));
    assertEquals(better, new PlatformSelector(List.of(linux, better), "Linux").provider(config("linux-plus")));
  }

  @Test
  void anEmbedderWithoutAnyPlatformIsToldWhichArtifactsToAdd() {
    BridgeException e = assertThrows(BridgeException.class, () -> new PlatformSelector(List.of(), "Linux").provider(config()));
    assertEquals("platform.none", e.code());
    assertTrue(e.remedy().contains("dev.hostbridge:bridge-linux") && e.remedy().contains("dev.hostbridge:bridge-macos"), e.remedy());
    assertTrue(!e.remedy().contains("--platform"), "no CLI flag for an embedder: " + e.remedy());
  }

  @Test
  void anUnknownOrForeignPlatformIsRefusedNamingWhatThereIs() {
    BridgeException unknown = assertThrows(BridgeException.class,
        () -> new PlatformSelector(List.of(linux, mac), "Linux").provider(config("bsd")));
    assertTrue(unknown.getMessage().contains("found: linux, macos"), unknown.getMessage());
    BridgeException foreign = assertThrows(BridgeException.class,
        () -> new PlatformSelector(List.of(linux, mac), "Linux").provider(config("macos")));
    assertTrue(foreign.getMessage().contains("does not run on Linux; platforms that do: linux"), foreign.getMessage());
  }

  @Test
  void aPlatformNameIsValidatedBeforeAnyLookup() {
    BridgeException e = assertThrows(BridgeException.class, () -> config("Mac OS; rm"));
    assertTrue(e.getMessage().contains("--platform"), e.getMessage());
  }
}
