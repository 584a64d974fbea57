package dev.hostbridge.core.steps;

import dev.hostbridge.api.BridgeConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The MAC address of the VM's tap NIC: fixed for an installation (derived from the network and
 * device names), locally administered and unicast, so the VM side can find its NIC by MAC
 * instead of guessing {@code eth1}.
 */
public final class TapMac {

  public static final Pattern FORMAT = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");

  private TapMac() {}

  public static String of(BridgeConfig config) {
    return derive(config.network() + "/" + config.device());
  }

  static String derive(String seed) {
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(("host-bridge tap " + seed).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    byte[] mac = new byte[6];
    System.arraycopy(digest, 0, mac, 0, 6);
    mac[0] = (byte) ((mac[0] & 0xfc) | 0x02); // unicast (bit 0 clear), locally administered (bit 1 set)
    return HexFormat.ofDelimiter(":").formatHex(mac);
  }
}
