package dev.hostbridge.core.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.api.StepStatus;
import dev.hostbridge.core.Settings;
import dev.hostbridge.testkit.FakeDocker;
import dev.hostbridge.testkit.FakePlatform;
import dev.hostbridge.testkit.StepHarness;
import dev.hostbridge.wireguard.WireGuardEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TunnelKeyTest {

  @TempDir Path state;

  StepHarness harness() {
    BridgeConfig config = Settings.builder().osName("Linux").set(ConfigKey.STATE_DIR, state.toString()).build();
    return new StepHarness(new TunnelKey(), config, new FakePlatform(), new FakeDocker());
  }

  @Test
  void aKeyIsMadeOnceReadableByItsOwnerAloneAndTakenAwayAgain() throws Exception {
    StepHarness harness = harness();
    assertEquals(StepStatus.State.PENDING, harness.check().state());
    harness.apply();
    Path file = state.resolve("tunnel/host.key");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    String key = Files.readString(file).strip();
    StepStatus status = harness.check();
    assertEquals(StepStatus.State.SATISFIED, status.state());
    assertTrue(status.reason().contains(WireGuardEndpoint.publicKey(key)), "the public key is shown: " + status.reason());
    assertFalse(status.reason().contains(key), "the private key never is");
    assertEquals(WireGuardEndpoint.publicKey(key), harness.records().get("public-key"));
    harness.revert();
    assertFalse(Files.exists(file));
  }

  @Test
  void aRotatedKeyIsStillHostBridgesAndGoesWithTheUninstall() throws Exception {
    StepHarness harness = harness();
    harness.apply();
    String before = Files.readString(state.resolve("tunnel/host.key"));
    String rotated = TunnelKey.write(state);
    assertTrue(!before.equals(Files.readString(state.resolve("tunnel/host.key"))), "a new key");
    assertEquals(rotated, WireGuardEndpoint.publicKey(Files.readString(state.resolve("tunnel/host.key")).strip()));
    harness.revert();
    assertFalse(Files.exists(state.resolve("tunnel/host.key")));
    assertFalse(Files.exists(state.resolve("tunnel/host.pub")));
  }

  @Test
  void aFileThatIsNotAKeyIsAnErrorNotReplaced() throws Exception {
    Files.createDirectories(state.resolve("tunnel"));
    Files.writeString(state.resolve("tunnel/host.key"), "not a key\n");
    BridgeException e = assertThrows(BridgeException.class, () -> harness().check());
    assertEquals("tunnel.key", e.code());
    assertEquals("not a key\n", Files.readString(state.resolve("tunnel/host.key")));
  }

  @Test
  void aKeyPutThereLaterIsNotDeletedByTheUndoOfAnother() throws Exception {
    StepHarness harness = harness();
    harness.apply();
    String other = WireGuardEndpoint.generatePrivateKey();
    Files.writeString(state.resolve("tunnel/host.key"), other + "\n");
    harness.revert();
    assertEquals(other, Files.readString(state.resolve("tunnel/host.key")).strip());
  }
}
