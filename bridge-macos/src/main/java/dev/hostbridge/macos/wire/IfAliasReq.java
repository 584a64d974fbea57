package dev.hostbridge.macos.wire;

import dev.hostbridge.api.Ipv4Cidr;
import java.nio.ByteBuffer;

/**
 * {@code struct ifaliasreq} for SIOCAIFADDR: name, address, broadcast address, netmask, each
 * sockaddr 16 bytes. The broadcast slot stays zero (family 0): for a broadcast interface such as
 * a tap the kernel then derives it from address and mask, as {@code ifconfig} relies on.
 */
public final class IfAliasReq {

  public static final int SIZE = IfReq.IFNAMSIZ + 3 * SockaddrIn.SIZE;
  static final int OFFSET_ADDR = 16;
  static final int OFFSET_BROADADDR = 32;
  static final int OFFSET_MASK = 48;

  private IfAliasReq() {}

  public static byte[] encode(String name, Ipv4Cidr address) {
    ByteBuffer buffer = IfReq.newBuffer(name, SIZE);
    SockaddrIn.put(buffer, OFFSET_ADDR, address.address(), 0);
    SockaddrIn.put(buffer, OFFSET_MASK, address.netmask(), 0);
    return buffer.array();
  }
}
