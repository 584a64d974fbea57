package dev.hostbridge.core.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.core.HostBridge;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal edited to point a revert elsewhere, or damaged: uninstall refuses the affected entry,
 * says why, keeps it in the journal, and does nothing with the value.
 */
class TamperedJournalTest {

  @TempDir Path root;
  FakeMachine machine;
  Path journal;

  @BeforeEach
  void install() throws Exception {
    machine = new FakeMachine(root);
    machine.settings.put(ConfigKey.SUBNET, "10.0.75.0/24");
    machine.settings.put(ConfigKey.GATEWAY, "10.0.75.1");
    machine.settings.put(ConfigKey.LAUNCHER, machine.launcher.toString());
    machine.settings.put(ConfigKey.RESTART_COMMAND, "true");
    machine.bridge().install();
    journal = root.resolve("state/journal");
  }

  void edit(String key, String from, String to) throws Exception {
    String text = Files.readString(journal);
    String encodedFrom = key + "=" + URLEncoder.encode(from, StandardCharsets.UTF_8);
    assertTrue(text.contains(encodedFrom), "the journal holds " + encodedFrom + ":\n" + text);
    Files.writeString(journal, text.replace(encodedFrom, key + "=" + URLEncoder.encode(to, StandardCharsets.UTF_8)));
  }

  BridgeException uninstallFails() {
    HostBridge bridge = machine.bridge();
    return assertThrows(BridgeException.class, bridge::uninstall);
  }

  @Test
  void aDeviceThatIsNotATapIsNotReleased() throws Exception {
    edit("device", "tap1", "tap1;id");
    BridgeException e = uninstallFails();
    assertTrue(e.getMessage().contains("the journal's 'device' ('tap1;id')"), e.getMessage());
    assertTrue(machine.bridge().journal().stepIds().contains("tap-ownership"), "the entry stays for a later uninstall");
    assertEquals("ada", machine.platform.deviceOwners.get("tap1"), "nothing was released");
  }

  @Test
  void aLauncherPathOutsideDockerAppIsNotTouched() throws Exception {
    Path victim = root.resolve("victim");
    Files.writeString(victim, "precious");
    Files.writeString(root.resolve("victim.real"), "planted");
    edit("launcher", machine.launcher.toString(), victim.toString());
    machine.settings.remove(ConfigKey.LAUNCHER); // the uninstall is run without --launcher
    BridgeException e = uninstallFails();
    assertTrue(e.getMessage().contains("neither the launcher this configuration names nor one inside a Docker.app"), e.getMessage());
    assertEquals("precious", Files.readString(victim));
    assertEquals("planted", Files.readString(root.resolve("victim.real")));
  }

  @Test
  void aNetworkHostBridgeDidNotCreateIsNotRemoved() throws Exception {
    String ours = machine.docker.networks.get("tap").id();
    machine.docker.networks.remove("tap");
    machine.docker.addNetwork("tap", "macvlan", Map.of("parent", "eth1"), List.of()); // someone else's, same name
    String theirs = machine.docker.networks.get("tap").id();
    edit("network-id", ours, theirs);
    BridgeException e = uninstallFails();
    assertTrue(e.getMessage().contains("which host-bridge did not create"), e.getMessage());
    assertTrue(machine.docker.networks.containsKey("tap"), "their network stays");
  }

  @Test
  void anAddressThatIsNotOneIsNotRemoved() throws Exception {
    edit("address", "10.0.75.1/24", "10.0.75.1/24 dev eth0");
    BridgeException e = uninstallFails();
    assertTrue(e.getMessage().contains("is not an IPv4 address with a prefix"), e.getMessage());
    assertTrue(machine.platform.calls.stream().noneMatch(c -> c.startsWith("removeAddress")), machine.platform.calls.toString());
    assertTrue(machine.bridge().journal().stepIds().contains("host-address"), "the entry stays for a later uninstall");
  }

  @Test
  void aLineCutInTheMiddleStopsEverythingBeforeAnyChange() throws Exception {
    String text = Files.readString(journal);
    Files.writeString(journal, text.substring(0, text.length() - 20));
    byte[] launcher = Files.readAllBytes(machine.launcher);
    BridgeException e = uninstallFails();
    assertEquals("journal.corrupt", e.code(), e.getMessage());
    assertArrayEquals(launcher, Files.readAllBytes(machine.launcher), "nothing was undone");
    assertTrue(machine.docker.networks.containsKey("tap"));
  }
}
