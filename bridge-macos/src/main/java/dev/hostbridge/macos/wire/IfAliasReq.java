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

  /**
   * For a point-to-point interface (a utun), whose address XNU refuses without the other end's
   * (EDESTADDRREQ, in.c inctl_ifaddr): the same slot holds the destination ({@code ifra_dstaddr}).
   */
  public static byte[] encodePointToPoint(String name, Ipv4Cidr address, int destination) {
    if (destination == 0) {
      throw new IllegalArgumentException("a point-to-point address needs a destination other than 0.0.0.0");
    }
    byte[] request = encode(name, address);
    SockaddrIn.put(ByteBuffer.wrap(request).order(java.nio.ByteOrder.LITTLE_ENDIAN), OFFSET_BROADADDR, destination, 0);
    return request;
  }
}
