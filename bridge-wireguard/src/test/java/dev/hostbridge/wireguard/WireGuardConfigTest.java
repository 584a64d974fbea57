package dev.hostbridge.wireguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WireGuardConfigTest {

  static final String KEY_A = WireGuardEndpoint.generatePrivateKey();
  static final String KEY_B = WireGuardEndpoint.publicKey(WireGuardEndpoint.generatePrivateKey());
  static final String KEY_C = WireGuardEndpoint.publicKey(WireGuardEndpoint.generatePrivateKey());

  @Test
  void readsWhatWgQuickReads() {
    WireGuardConfig config = WireGuardConfig.parse("""
        # the Mac's end
        [Interface]
        PrivateKey = %s
        ListenPort = 51820
        Address = 10.33.0.1/24, fd33::1/64
        mtu=1420

        [Peer]   # the VM
        PublicKey = %s
        AllowedIPs = 10.33.0.2/32
        allowedips = 172.17.0.9/16
        Endpoint = [fd00::2]:51821
        PersistentKeepalive = 25
        [peer]
        PublicKey=%s
        Endpoint = vm.local:51820
        PersistentKeepalive = off
        """.formatted(KEY_A, KEY_B, KEY_C), "wg0.conf");

    assertEquals(KEY_A, config.iface().privateKey());
    assertEquals(OptionalInt.of(51820), config.iface().listenPort());
    assertEquals(OptionalInt.of(1420), config.iface().mtu());
    assertEquals("[10.33.0.1/24, fd33:0:0:0:0:0:0:1/64]", config.iface().addresses().toString());
    assertEquals(2, config.peers().size());
    WireGuardConfig.Peer vm = config.peers().get(0);
    assertEquals(KEY_B, vm.publicKey());
    assertEquals(Optional.empty(), vm.presharedKey());
    assertEquals("[10.33.0.2/32, 172.17.0.0/16]", vm.allowedIps().toString(), "host bits cleared, as wg does");
    assertEquals(Optional.of(new WireGuardConfig.Endpoint("fd00::2", 51821)), vm.endpoint());
    assertEquals(25, vm.persistentKeepalive());
    assertEquals(new WireGuardConfig.Endpoint("vm.local", 51820), config.peers().get(1).endpoint().orElseThrow());
    assertEquals(0, config.peers().get(1).persistentKeepalive());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "PostUp = iptables -A FORWARD|line 3: PostUp runs a command, which host-bridge never does",
      "DNS = 1.1.1.1|line 3: DNS is not supported",
      "SaveConfig = true|line 3: SaveConfig is not supported",
      "ListenPort = 70000|line 3: ListenPort must be a whole number from 0 to 65535, got \"70000\"",
      "MTU = 9x|line 3: MTU must be a whole number from 576 to 65535",
      "Address = 10.0.0.300/24|line 3: Address: \"10.0.0.300/24\" is not an IP address",
      "Address = example.com/24|line 3: Address: \"example.com/24\" is not an IP address",
      "Address = 10.0.0.1/33|line 3: Address: \"10.0.0.1/33\": the prefix length is at most 32",
      "Address = 10.0.0.1/|line 3: Address: \"10.0.0.1/\" has no prefix length",
      "PrivateKey = again|line 3: PrivateKey appears twice",
      "Colour = blue|line 3: unknown key Colour in [Interface]",
      "just words|line 3: expected \"Key = Value\"",
      "ListenPort =|line 3: ListenPort has no value",
      "[Peers]|line 3: unknown section [Peers]",
      "[Interface]|line 3: a second [Interface] section",
  })
  void refusesWithTheLineAndTheFix(String extra, String expected) {
    String text = "[Interface]\nPrivateKey = " + KEY_A + "\n" + extra + "\n";
    WireGuardConfig.Invalid error = assertThrows(WireGuardConfig.Invalid.class, () -> WireGuardConfig.parse(text, "wg0.conf"));
    assertTrue(error.getMessage().startsWith("wg0.conf " + expected), error.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "Endpoint = 10.0.0.1|Endpoint \"10.0.0.1\" must be host:port",
      "Endpoint = fd00::1:51820|must be host:port (an IPv6 address in brackets",
      "Endpoint = [fd00::1]51820|must be [IPv6 address]:port",
      "Endpoint = host:0|Endpoint's port must be a whole number from 1 to 65535",
      "Endpoint = a;b:1|has a host that is neither a name nor an address",
      "PresharedKey = c2hvcnQ=|PresharedKey: a WireGuard key must be 32 bytes",
      "PersistentKeepalive = always|PersistentKeepalive must be a whole number",
      "AllowedIPs = 10.0.0.0/8,,|AllowedIPs: \"\" is not an IP address",
      "ListenPort = 1|unknown key ListenPort in [Peer]",
  })
  void refusesBadPeerValues(String extra, String expected) {
    String text = "[Interface]\nPrivateKey = " + KEY_A + "\n[Peer]\nPublicKey = " + KEY_B + "\n" + extra + "\n";
    WireGuardConfig.Invalid error = assertThrows(WireGuardConfig.Invalid.class, () -> WireGuardConfig.parse(text, "wg0.conf"));
    assertTrue(error.getMessage().startsWith("wg0.conf line 5: ") && error.getMessage().contains(expected), error.getMessage());
  }

  @Test
  void missingPiecesAreNamed() {
    assertEquals("c: there is no [Interface] section; add one with a PrivateKey (from `wg genkey`)",
        assertThrows(WireGuardConfig.Invalid.class, () -> WireGuardConfig.parse("# empty\n", "c")).getMessage());
    assertEquals("c: [Interface] has no PrivateKey; add one (from `wg genkey`)",
        assertThrows(WireGuardConfig.Invalid.class, () -> WireGuardConfig.parse("[Interface]\nListenPort = 1\n", "c"))
            .getMessage());
    assertEquals("c line 3: this [Peer] has no PublicKey; add the peer's `wg pubkey`",
        assertThrows(WireGuardConfig.Invalid.class,
            () -> WireGuardConfig.parse("[Interface]\nPrivateKey = " + KEY_A + "\n[Peer]\nEndpoint = h:1\n[Peer]\n", "c"))
            .getMessage());
    assertTrue(assertThrows(WireGuardConfig.Invalid.class, () -> WireGuardConfig.parse(
        "[Interface]\nPrivateKey = " + KEY_A + "\n[Peer]\nPublicKey = " + KEY_B + "\n[Peer]\nPublicKey = " + KEY_B + "\n", "c"))
        .getMessage().contains("two [Peer] sections have PublicKey"));
    assertEquals("c line 1: ListenPort comes before any section; put it under [Interface] or [Peer]",
        assertThrows(WireGuardConfig.Invalid.class, () -> WireGuardConfig.parse("ListenPort = 1\n", "c")).getMessage());
  }

  @Test
  void peersWithoutOptionalKeysGetDefaults() {
    WireGuardConfig config = WireGuardConfig.parse("[Interface]\r\nPrivateKey = " + KEY_A + "\r\n[Peer]\r\nPublicKey = " + KEY_B
        + "\r\n", "c");
    assertEquals(List.of(new WireGuardConfig.Peer(KEY_B, Optional.empty(), List.of(), Optional.empty(), 0)), config.peers());
    assertEquals(OptionalInt.empty(), config.iface().listenPort());
  }
}
