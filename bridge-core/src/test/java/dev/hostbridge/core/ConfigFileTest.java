package dev.hostbridge.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.api.ConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings file HOST_BRIDGE_CONFIG names: the layer between the defaults and the environment. */
class ConfigFileTest {

  @TempDir Path dir;

  Path file(String text) throws Exception {
    Path file = dir.resolve("host-bridge.conf");
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    return file;
  }

  static Settings.Builder with(Map<String, String> env) {
    return Settings.builder().osName("Linux").home(Path.of("/home/ada")).invokingUser("ada").environment(env);
  }

  @Test
  void itsSettingsLieBetweenTheDefaultsAndTheEnvironmentAndAFlagWinsOverAll() throws Exception {
    Path file = file("# chosen for the boot service\n\nHOST_BRIDGE_STRATEGY=tunnel\nDOCKER_TAP_NETWORK = lab \n"
        + "HOST_BRIDGE_STATE_DIR=/opt/homebrew/var/host-bridge\nDOCKER_TAP_SUBNET=\n");
    BridgeConfig config = with(Map.of(ConfigFile.VARIABLE, file.toString(), "DOCKER_TAP_NETWORK", "fromenv")).build();
    assertEquals(BridgeConfig.Strategy.TUNNEL, config.strategy());
    assertEquals(ConfigSource.FILE, config.source(ConfigKey.STRATEGY));
    assertEquals(Path.of("/opt/homebrew/var/host-bridge"), config.stateDir());
    assertEquals("fromenv", config.network(), "the environment wins over the file");
    assertTrue(config.subnet().isEmpty(), "an empty value is unset");
    assertEquals(ConfigSource.DEFAULT, config.source(ConfigKey.SUBNET));
    BridgeConfig flagged = with(Map.of(ConfigFile.VARIABLE, file.toString())).set(ConfigKey.STRATEGY, "tap").build();
    assertEquals(BridgeConfig.Strategy.TAP, flagged.strategy());
    assertEquals("lab", flagged.network());
  }

  @Test
  void aBadValueInTheFileIsNamedAsTheFilesBeforeAnythingIsUsed() throws Exception {
    Path file = file("DOCKER_TAP_NETWORK=tap;reboot\n");
    BridgeException e = assertThrows(BridgeException.class, () -> with(Map.of(ConfigFile.VARIABLE, file.toString())).build());
    assertTrue(e.getMessage().startsWith("DOCKER_TAP_NETWORK (in the HOST_BRIDGE_CONFIG file)"), e.getMessage());
    assertEquals(BridgeException.Kind.USER, e.kind());
  }

  @Test
  void eachFaultOfTheFileNamesItsLineAndTheFix() throws Exception {
    assertFault("HOST_BRIDGE_STRATEGY=tunnel\nSTRATEGY=tap\n", "line 2: STRATEGY is not a setting host-bridge reads", "HOST_BRIDGE_STRATEGY");
    assertFault("HOST_BRIDGE_STRATEGY=tunnel\nHOST_BRIDGE_STRATEGY=tap\n", "line 2: HOST_BRIDGE_STRATEGY is set a second time", "one line");
    assertFault("DOCKER_TAP_NETWORK=\"tap\"\n", "line 1: the value of DOCKER_TAP_NETWORK is quoted", "without quotes");
    assertFault("export HOST_BRIDGE_STRATEGY=tunnel\n", "line 1 is not NAME=value", "one setting per line");
    assertFault("HOST_BRIDGE_PLUGIN_PATH=/tmp\n", "HOST_BRIDGE_PLUGIN_PATH is not a setting", "DOCKER_TAP_NETWORK");
  }

  @Test
  void onlyAnAbsolutePathToASmallFileOnlyItsOwnerCanWriteIsRead() throws Exception {
    assertEquals("config.file", refused("host-bridge.conf").code());
    assertTrue(refused(dir.resolve("missing.conf").toString()).getMessage().contains("is not a file"));
    assertTrue(refused(dir.toString()).getMessage().contains("is not a file"), "a directory");
    Path open = file("HOST_BRIDGE_STRATEGY=tunnel\n");
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-rw-r--"));
    BridgeException writable = refused(open.toString());
    assertTrue(writable.getMessage().contains("written by others") && writable.remedy().contains("chmod go-w"), writable.getMessage());
    // Through a link, the file that is read is the one checked: an open target is refused, a tidy one read.
    Path link = dir.resolve("linked.conf");
    Files.createSymbolicLink(link, open);
    assertTrue(refused(link.toString()).getMessage().contains("written by others"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
    assertEquals(BridgeConfig.Strategy.TUNNEL, with(Map.of(ConfigFile.VARIABLE, link.toString())).build().strategy());
    Path huge = file("# " + "x".repeat(70_000) + "\n");
    assertTrue(refused(huge.toString()).getMessage().contains("larger than 64 KiB"));
    Path binary = dir.resolve("binary.conf");
    Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0x41});
    assertTrue(refused(binary.toString()).getMessage().contains("not UTF-8"));
  }

  void assertFault(String text, String message, String remedy) throws Exception {
    BridgeException e = refused(file(text).toString());
    assertEquals("config.file", e.code());
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertTrue(e.remedy().contains(remedy), e.remedy());
  }

  BridgeException refused(String path) {
    return assertThrows(BridgeException.class, () -> with(Map.of(ConfigFile.VARIABLE, path)).build());
  }
}
