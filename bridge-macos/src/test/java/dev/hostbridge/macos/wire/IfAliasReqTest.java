package dev.hostbridge.macos.wire;

import static dev.hostbridge.macos.wire.Bytes.assertBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hostbridge.api.Ipv4Cidr;
import org.junit.jupiter.api.Test;

class IfAliasReqTest {

  @Test
  void nameAddressEmptyBroadcastAndMask() {
    byte[] request = IfAliasReq.encode("tap1", Ipv4Cidr.parse("10.0.75.1/24"));
    assertEquals(64, request.length);
    assertBytes(
        "74617031" + Bytes.zeros(12)               // ifra_name "tap1"
            + "1002 0000 0a004b01" + Bytes.zeros(8)  // ifra_addr 10.0.75.1
            + Bytes.zeros(16)                        // ifra_broadaddr: left to the kernel
            + "1002 0000 ffffff00" + Bytes.zeros(8), // ifra_mask 255.255.255.0
        request);
  }

  @Test
  void maskFollowsThePrefix() {
    byte[] request = IfAliasReq.encode("tap15", Ipv4Cidr.parse("172.18.3.4/12"));
    assertBytes("fff00000", java.util.Arrays.copyOfRange(request, 52, 56));
    assertBytes("ac120304", java.util.Arrays.copyOfRange(request, 20, 24));
  }
}
