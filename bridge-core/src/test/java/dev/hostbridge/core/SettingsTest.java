package dev.hostbridge.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.api.ConfigSource;
import dev.hostbridge.api.InvalidConfigException;
import dev.hostbridge.api.Ipv4Cidr;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** BridgeConfig lives in bridge-api, which has no test dependencies; its tests live here. */
class SettingsTest {

  static Settings.Builder linux() {
    return Settings.builder().osName("Linux").home(Path.of("/home/ada")).invokingUser("ada");
  }

  @Test
  void defaultsMatchTheSeed() {
    BridgeConfig config = linux().build();
    assertEquals("tap", config.network());
    assertEquals("tap1", config.device());
    assertEquals("linux", config.platform());
    assertEquals(Path.of("/home/ada/.local/state/host-bridge"), config.stateDir());
    assertTrue(config.subnet().isEmpty());
    assertTrue(config.mobyEth().isEmpty());
    assertEquals(ConfigSource.DEFAULT, config.source(ConfigKey.NETWORK));
  }

  @Test
  void macDefaultsFollowTheMac() {
    BridgeConfig config = Settings.builder().osName("Mac OS X").home(Path.of("/Users/ada")).build();
    assertEquals("macos", config.platform());
    assertEquals(Path.of("/Users/ada/Library/Application Support/host-bridge"), config.stateDir());
  }

  @Test
  void environmentWinsOverDefaultsAndFlagsWinOverEnvironment() {
    Map<String, String> env = Map.of("DOCKER_TAP_NETWORK", "fromenv", "DOCKER_TAP_DEVICE", "tap3", "DOCKER_TAP_MOBY_ETH", "2");
    BridgeConfig config = linux().environment(env).set(ConfigKey.NETWORK, "fromflag").build();
    assertEquals("fromflag", config.network());
    assertEquals(ConfigSource.EXPLICIT, config.source(ConfigKey.NETWORK));
    assertEquals("tap3", config.device());
    assertEquals(ConfigSource.ENVIRONMENT, config.source(ConfigKey.DEVICE));
    assertEquals(2, config.mobyEth().getAsInt());
  }

  @Test
  void anEmptyEnvironmentVariableCountsAsUnset() {
    assertEquals("tap", linux().environment(Map.of("DOCKER_TAP_NETWORK", "")).build().network());
  }

  @Test
  void sudoUserIsTheInvokingUser() {
    assertEquals("ada", Settings.builder().invokingUser("root").environment(Map.of("SUDO_USER", "ada")).build().invokingUser());
  }

  @Test
  void gatewayCarriesTheSubnetPrefix() {
    BridgeConfig config = linux().set(ConfigKey.SUBNET, "10.0.75.0/24").set(ConfigKey.GATEWAY, "10.0.75.1").build();
    assertEquals(Ipv4Cidr.parse("10.0.75.1/24"), config.gateway().orElseThrow());
    assertEquals(Ipv4Cidr.parse("10.0.75.0/24"), config.subnet().orElseThrow());
  }

  @Test
  void restartCommandIsSplitIntoWordsWithoutAShell() {
    BridgeConfig config = linux().set(ConfigKey.RESTART_COMMAND, "/opt/restart 'two words' \"x;y\" $(z)").build();
    assertEquals(List.of("/opt/restart", "two words", "x;y", "$(z)"), config.restartCommand());
  }

  @Test
  void pathsExpandTheHomeAndBecomeAbsolute() {
    assertEquals(Path.of("/home/ada/state"), linux().set(ConfigKey.STATE_DIR, "~/state").build().stateDir());
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "NETWORK|bad name|--network",
      "NETWORK|-x|--network",
      "NETWORK|$(reboot)|--network",
      "DEVICE|tap1;rm -rf /|--device",
      "DEVICE|averyveryverylongname|--device",
      "MOBY_ETH|eth1|--moby-eth",
      "SUBNET|10.0.75.1/24|--subnet",
      "SUBNET|10.0.75.0|--subnet",
      "SUBNET|10.0.075.0/24|--subnet",
      "SUBNET|10.0.0.0/4|--subnet",
      "HELPER_IMAGE|busybox; reboot|--helper-image",
      "RESTART_COMMAND|'unterminated|--restart-command",
      "DOCKER_HOST|ssh://me@host|--docker-host",
      "DOCKER_HOST|unix://relative.sock|--docker-host",
      "PLATFORM|Windows 11|--platform",
      "TUNTAP_PKG|/tmp/tuntap.dmg|--tuntap-pkg",
      "STRATEGY|wireguard|--strategy",
      "TUNNEL_ADDRESS|10.254.254.253/30|--tunnel-address",
      "TUNNEL_ADDRESS|10.254.254.0/24|--tunnel-address",
      "TUNNEL_LISTEN|0.0.0.0:0|--tunnel-listen",
      "TUNNEL_LISTEN|localhost|--tunnel-listen",
      "TUNNEL_LISTEN|127.0.0.1:70000|--tunnel-listen",
      "TUNNEL_ENDPOINT|host;reboot|--tunnel-endpoint",
      "TUNNEL_ENDPOINT|-oProxyCommand|--tunnel-endpoint",
      "TUNNEL_ENDPOINT|$(reboot)|--tunnel-endpoint",
      "TUNNEL_IMAGE|img; reboot|--tunnel-image",
      "ROUTE_ALL|yes please|--route-all",
      "ROUTE_ALL|1|--route-all",
  })
  void badValuesNameTheFieldAndTheFix(ConfigKey key, String value, String flag) {
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> linux().set(key, value).build());
    assertEquals(key, e.key());
    assertTrue(e.getMessage().startsWith(flag), e.getMessage());
    assertEquals(BridgeException.Kind.USER, e.kind());
    assertTrue(!e.remedy().isEmpty(), "a remedy is given");
  }

  @Test
  void routeAllIsOffUnlessSaidAndTakesTheEnvironment() {
    assertFalse(linux().build().routeAll());
    assertTrue(linux().set(ConfigKey.ROUTE_ALL, "true").build().routeAll());
    assertTrue(linux().environment(java.util.Map.of("HOST_BRIDGE_ROUTE_ALL", "true")).build().routeAll());
  }

  @Test
  void theTunnelDefaultsListenOnLoopbackAndLetTheVmFindTheHostByName() {
    BridgeConfig config = linux().build();
    assertEquals(BridgeConfig.Strategy.AUTO, config.strategy());
    assertEquals("10.254.254.253/30", config.tunnelHostAddress().toString());
    assertEquals("10.254.254.254/30", config.tunnelVmAddress().toString());
    assertEquals(Ipv4Cidr.parseAddress("127.0.0.1"), config.tunnelListenAddress());
    assertEquals(0, config.tunnelListenPort(), "the kernel chooses");
    assertEquals("host.docker.internal", config.tunnelEndpoint());
    assertEquals(java.util.Optional.empty(), config.tunnelImage(), "host-bridge's own image");

    BridgeConfig given = linux().environment(Map.of("HOST_BRIDGE_STRATEGY", "tunnel", "HOST_BRIDGE_TUNNEL_LISTEN", "10.1.2.3:51820"))
        .set(ConfigKey.TUNNEL_ENDPOINT, "192.168.65.254").set(ConfigKey.TUNNEL_IMAGE, "lab/tunnel:1").build();
    assertEquals(BridgeConfig.Strategy.TUNNEL, given.strategy());
    assertEquals(51820, given.tunnelListenPort());
    assertEquals("192.168.65.254", given.tunnelEndpoint());
    assertEquals(java.util.Optional.of("lab/tunnel:1"), given.tunnelImage());
  }

  @Test
  void aBadEnvironmentValueNamesTheVariable() {
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> linux().environment(Map.of("DOCKER_TAP_NETWORK", "no spaces")).build());
    assertTrue(e.getMessage().startsWith("DOCKER_TAP_NETWORK (environment)"), e.getMessage());
  }

  @Test
  void macosDevicesAreTheTuntaposxNodes() {
    Settings.Builder mac = Settings.builder().osName("Mac OS X");
    assertEquals("tap15", mac.set(ConfigKey.DEVICE, "tap15").build().device());
    assertThrows(InvalidConfigException.class, () -> mac.set(ConfigKey.DEVICE, "tap16").build());
    assertThrows(InvalidConfigException.class, () -> mac.set(ConfigKey.DEVICE, "utun3").build());
  }

  @Test
  void gatewayRules() {
    InvalidConfigException noSubnet = assertThrows(InvalidConfigException.class,
        () -> linux().set(ConfigKey.GATEWAY, "10.0.75.1").build());
    assertTrue(noSubnet.remedy().contains("--subnet"), noSubnet.remedy());
    for (String outside : List.of("10.0.76.1", "10.0.75.0", "10.0.75.255", "10.0.75")) {
      InvalidConfigException e = assertThrows(InvalidConfigException.class,
          () -> linux().set(ConfigKey.SUBNET, "10.0.75.0/24").set(ConfigKey.GATEWAY, outside).build(), outside);
      assertTrue(e.getMessage().startsWith("--gateway"), e.getMessage());
    }
  }

  @Test
  void controlCharactersAreShownEscapedNotPrinted() {
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> linux().set(ConfigKey.NETWORK, "tap\nFAKE LINE").build());
    assertTrue(e.getMessage().contains("tap\\u000aFAKE LINE"), e.getMessage());
    assertThrows(InvalidConfigException.class, () -> linux().set(ConfigKey.STATE_DIR, "/tmp/a\nb").build());
  }
}
