package dev.hostbridge.macos.wire;

import dev.hostbridge.api.Ipv4Cidr;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * One element of the list {@code getifaddrs(3)} returns ({@code struct ifaddrs} of ifaddrs.h),
 * copied out of native memory: the interface name, its flags, and the bytes of {@code ifa_addr}
 * and {@code ifa_netmask} as BSD lays them out (the first byte of each is its length).
 *
 * <p>macOS gives every interface one AF_LINK entry, whether or not it has any address, and one
 * entry per address of another family. A tuntaposx tap just opened by hyperkit therefore shows up
 * here with its link entry alone; the JDK's interface list, which keeps only interfaces with an
 * AF_INET or AF_INET6 entry, does not show it at all.
 *
 * @param address the bytes of {@code ifa_addr}; empty when the pointer was null
 * @param netmask the bytes of {@code ifa_netmask}; empty when the pointer was null. XNU trims an
 *     IPv4 mask after its last non-zero byte (in.c, in_socktrim): a /24 has length 7, a /16 6
 */
public record IfaddrsEntry(String name, int flags, byte[] address, byte[] netmask) {

  public IfaddrsEntry {
    address = address.clone();
    netmask = netmask.clone();
  }

  /** The family of {@code ifa_addr}, AF_UNSPEC when there is none. */
  public int family() {
    return address.length >= 2 ? address[1] & 0xff : DarwinNet.AF_UNSPEC;
  }

  /** For the AF_LINK entry: the interface's index. */
  public Optional<Integer> linkIndex() {
    if (family() != DarwinNet.AF_LINK) {
      return Optional.empty();
    }
    return Optional.of(SockaddrDl.decode(little(address), 0, length(address)).index());
  }

  /** For the AF_LINK entry: the interface's MAC, lower-case and colon-separated, when it has one. */
  public Optional<String> mac() {
    if (family() != DarwinNet.AF_LINK) {
      return Optional.empty();
    }
    return SockaddrDl.macAddress(little(address), 0, length(address));
  }

  /**
   * For an AF_INET entry: the address with the prefix of its netmask. A mask whose ones are not
   * contiguous (BSD allows them; host-bridge never sets one) counts its leading ones.
   */
  public Optional<Ipv4Cidr> ipv4() {
    if (family() != DarwinNet.AF_INET || length(address) < SockaddrIn.OFFSET_ADDR + 4) {
      return Optional.empty();
    }
    int value = SockaddrIn.address(little(address), 0, length(address));
    int mask = netmask.length == 0 ? -1 : SockaddrIn.address(little(netmask), 0, length(netmask));
    return Optional.of(Ipv4Cidr.of(value, Integer.numberOfLeadingZeros(~mask)));
  }

  /** The sockaddr's own length, never more than the bytes that were copied. */
  private static int length(byte[] sockaddr) {
    return Math.min(sockaddr[0] & 0xff, sockaddr.length);
  }

  private static ByteBuffer little(byte[] bytes) {
    return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IfaddrsEntry that && name.equals(that.name) && flags == that.flags
        && java.util.Arrays.equals(address, that.address) && java.util.Arrays.equals(netmask, that.netmask);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + java.util.Arrays.hashCode(address);
  }

  @Override
  public String toString() {
    return "IfaddrsEntry[" + name + ", flags=0x" + Integer.toHexString(flags) + ", family=" + family() + "]";
  }
}
