package dev.hostbridge.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An IPv4 address with a prefix length, e.g. {@code 10.0.75.1/24}. Parsed strictly (four decimal
 * octets, no leading zeros, prefix 0..32) so that nothing ambiguous reaches the system.
 */
public final class Ipv4Cidr {

  private static final Pattern OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");

  private final int address;
  private final int prefixLength;

  private Ipv4Cidr(int address, int prefixLength) {
    this.address = address;
    this.prefixLength = prefixLength;
  }

  /**
   * An address with a prefix length; host bits are kept, as in {@code 10.0.75.1/24}.
   *
   * @param address the address's 32 bits, most significant octet first
   * @param prefixLength 0 to 32
   * @return the address with its prefix
   * @throws IllegalArgumentException when the prefix length is outside 0..32
   */
  public static Ipv4Cidr of(int address, int prefixLength) {
    if (prefixLength < 0 || prefixLength > 32) {
      throw new IllegalArgumentException("prefix length must be 0..32, got " + prefixLength);
    }
    return new Ipv4Cidr(address, prefixLength);
  }

  /**
   * Parses {@code a.b.c.d/n}.
   *
   * @param text e.g. {@code 10.0.75.1/24}; not null
   * @return the address with its prefix, host bits kept
   * @throws IllegalArgumentException when the text is not four decimal octets 0..255 without
   *     leading zeros, a slash and a prefix length 0..32
   */
  public static Ipv4Cidr parse(String text) {
    Objects.requireNonNull(text, "text");
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("'" + text + "' has no /prefix");
    }
    String prefix = text.substring(slash + 1);
    if (!prefix.matches("[0-9]{1,2}")) {
      throw new IllegalArgumentException("'" + prefix + "' is not a prefix length");
    }
    return of(parseAddress(text.substring(0, slash)), Integer.parseInt(prefix));
  }

  /**
   * Parses a dotted-quad address into its 32 bits (network order, most significant octet first).
   *
   * @param text e.g. {@code 10.0.75.1}, with no prefix
   * @return the address's 32 bits
   * @throws IllegalArgumentException when the text is not four decimal octets 0..255 without
   *     leading zeros
   */
  public static int parseAddress(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("'" + text + "' is not an IPv4 address (a.b.c.d)");
    }
    int value = 0;
    for (String part : parts) {
      if (!OCTET.matcher(part).matches() || Integer.parseInt(part) > 255) {
        throw new IllegalArgumentException("'" + text + "' is not an IPv4 address (a.b.c.d, each 0..255)");
      }
      value = (value << 8) | Integer.parseInt(part);
    }
    return value;
  }

  /**
   * Formats 32 bits as a dotted-quad address.
   *
   * @param address the address's 32 bits, most significant octet first
   * @return e.g. {@code 10.0.75.1}
   */
  public static String formatAddress(int address) {
    return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "." + (address & 0xff);
  }

  /**
   * The address, host bits included.
   *
   * @return its 32 bits, most significant octet first
   */
  public int address() {
    return address;
  }

  /**
   * The number of leading bits that name the network.
   *
   * @return 0 to 32
   */
  public int prefixLength() {
    return prefixLength;
  }

  /**
   * The prefix as a mask of 32 bits, e.g. {@code 0xffffff00} for /24.
   *
   * @return the mask; 0 for /0
   */
  public int netmask() {
    return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
  }

  /**
   * The network this address lies in, e.g. {@code 10.0.75.0/24} for {@code 10.0.75.1/24}.
   *
   * @return the network address with the same prefix
   */
  public Ipv4Cidr network() {
    return new Ipv4Cidr(address & netmask(), prefixLength);
  }

  /**
   * The network's broadcast address, its last, e.g. {@code 10.0.75.255} for {@code 10.0.75.1/24}.
   *
   * @return its 32 bits, most significant octet first
   */
  public int broadcast() {
    return address | ~netmask();
  }

  /**
   * Whether the host bits are all zero, as in {@code 10.0.75.0/24}.
   *
   * @return true for a network address
   */
  public boolean isNetworkAddress() {
    return address == (address & netmask());
  }

  /**
   * Whether an address lies in this network.
   *
   * @param other the address's 32 bits, most significant octet first
   * @return true when its first {@link #prefixLength()} bits are this network's
   */
  public boolean contains(int other) {
    return (other & netmask()) == (address & netmask());
  }

  /**
   * Whether the two networks share an address: one holds the other.
   *
   * @param other another network
   * @return true when they share an address
   */
  public boolean overlaps(Ipv4Cidr other) {
    int shorter = Math.min(prefixLength, other.prefixLength);
    int mask = shorter == 0 ? 0 : -1 << (32 - shorter);
    return (address & mask) == (other.address & mask);
  }

  /**
   * The same prefix with another address, e.g. the gateway inside a subnet.
   *
   * @param other the other address's 32 bits, most significant octet first
   * @return that address with this prefix length
   */
  public Ipv4Cidr withAddress(int other) {
    return new Ipv4Cidr(other, prefixLength);
  }

  /**
   * The address without its prefix.
   *
   * @return the dotted quad, e.g. {@code 10.0.75.1}
   */
  public String addressText() {
    return formatAddress(address);
  }

  /**
   * The netmask as a dotted quad.
   *
   * @return e.g. {@code 255.255.255.0} for /24
   */
  public String netmaskText() {
    return formatAddress(netmask());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ipv4Cidr other && other.address == address && other.prefixLength == prefixLength;
  }

  @Override
  public int hashCode() {
    return address * 31 + prefixLength;
  }

  @Override
  public String toString() {
    return addressText() + "/" + prefixLength;
  }
}
