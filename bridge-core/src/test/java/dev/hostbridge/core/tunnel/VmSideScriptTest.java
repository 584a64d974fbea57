package dev.hostbridge.core.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Java half of the VM-side script: what goes into its environment, and how its answer is read. */
class VmSideScriptTest {

  static final String KEY = "XOV3+kEjzBDdXyScsz59/haItmRAkMF9VlZhPqzrSj4=";

  static VmSideScript.Up up(String endpoint) {
    return new VmSideScript.Up("hbtun0", "10.33.33.2", "10.33.33.1", KEY, endpoint, 51820, 25, List.of("br-0123abcd"));
  }

  @Test
  void theEnvironmentCarriesEveryValueUnderItsOwnName() {
    var env = up("host.docker.internal").environment();
    assertEquals("up", env.get("HB_ACTION"));
    assertEquals("hbtun0", env.get("HB_IF"));
    assertEquals(KEY, env.get("HB_HOST_KEY"));
    assertEquals("host.docker.internal", env.get("HB_ENDPOINT"));
    assertEquals("51820", env.get("HB_PORT"));
    assertEquals("br-0123abcd", env.get("HB_NAT_BRIDGES"));
    assertEquals(java.util.Map.of("HB_ACTION", "down", "HB_IF", "hbtun0"), VmSideScript.downEnvironment("hbtun0"));
  }

  @Test
  void valuesThatCouldReachAShellAsMoreThanValuesAreRefusedHere() {
    assertThrows(IllegalArgumentException.class, () -> up("host;reboot"));
    assertThrows(IllegalArgumentException.class, () -> up("-oProxy"));
    assertThrows(IllegalArgumentException.class, () -> new VmSideScript.Up("hb tun", "10.33.33.2", "10.33.33.1", KEY, "h", 1, 25, List.of()));
    assertThrows(IllegalArgumentException.class, () -> new VmSideScript.Up("hbtun0", "10.33.33.256", "10.33.33.1", KEY, "h", 1, 25, List.of()));
    assertThrows(IllegalArgumentException.class, () -> new VmSideScript.Up("hbtun0", "10.33.33.2", "10.33.33.1", "$(x)", "h", 1, 25, List.of()));
    assertThrows(IllegalArgumentException.class, () -> new VmSideScript.Up("hbtun0", "10.33.33.2", "10.33.33.1", KEY, "h", 0, 25, List.of()));
    assertThrows(IllegalArgumentException.class, () -> new VmSideScript.Up("hbtun0", "10.33.33.2", "10.33.33.1", KEY, "h", 1, 25, List.of("br0 x")));
    assertThrows(IllegalArgumentException.class, () -> VmSideScript.downEnvironment("../x"));
  }

  @Test
  void macvlanNetworksGoAsParentSubnetAddressAndNothingElse() {
    var up = new VmSideScript.Up("hbtun0", "10.33.33.2", "10.33.33.1", KEY, "h", 1, 25, List.of(), List.of("eth0=172.30.0.0/16=172.30.255.254"));
    assertEquals("eth0=172.30.0.0/16=172.30.255.254", up.environment().get("HB_MACVLANS"));
    for (String bad : List.of("eth0", "eth0=172.30.0.0/16", "eth0;x=172.30.0.0/16=172.30.0.9", "eth0=172.30.0.0/40=172.30.0.9",
        "eth0=172.30.0.0/16=$(x)", "eth0=172.30.0.0/16=172.30.0.9=1")) {
      assertThrows(IllegalArgumentException.class,
          () -> new VmSideScript.Up("hbtun0", "10.33.33.2", "10.33.33.1", KEY, "h", 1, 25, List.of(), List.of(bad)), bad);
    }
  }

  @Test
  void theAnswerIsReadLineByLine() {
    VmSideScript.Result result = VmSideScript.parse(String.join("\n", "public_key=" + KEY, "mode=kernel", "firewall=iptables-nft",
        "endpoint=192.168.65.254:51820", "rule=raw PREROUTING -i hbtun0 -j ACCEPT", "noise", "rule=filter DOCKER-USER -i hbtun0 -j ACCEPT",
        "ready=1", ""));
    assertEquals(Optional.of(KEY), result.publicKey());
    assertEquals(Optional.of("kernel"), result.mode());
    assertEquals(2, result.rulesAdded().size());
    assertTrue(result.ready());
    assertEquals(Optional.empty(), result.error());

    VmSideScript.Result failed = VmSideScript.parse("error=HB_PORT is not a port (1 to 65535)\n");
    assertFalse(failed.ready());
    assertEquals(Optional.of("HB_PORT is not a port (1 to 65535)"), failed.error());
    assertEquals(Optional.empty(), VmSideScript.parse("public_key=not a key\n").publicKey(), "a key is checked as it comes in");
  }

  @Test
  void theScriptShipsInTheJar() {
    String text = VmSideScript.text();
    assertTrue(text.startsWith("#!/bin/sh\n"));
    assertTrue(text.contains("HB_ACTION"));
  }
}
