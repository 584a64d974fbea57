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

  public static Ipv4Cidr of(int address, int prefixLength) {
    if (prefixLength < 0 || prefixLength > 32) {
      throw new IllegalArgumentException("prefix length must be 0..32, got " + prefixLength);
    }
    return new Ipv4Cidr(address, prefixLength);
  }

  /** Parses {@code a.b.c.d/n}. */
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

  /** Parses a dotted-quad address into its 32 bits (network order, most significant octet first). */
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

  public static String formatAddress(int address) {
    return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "." + (address & 0xff);
  }

  public int address() {
    return address;
  }

  public int prefixLength() {
    return prefixLength;
  }

  public int netmask() {
    return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
  }

  /** The network this address lies in, e.g. {@code 10.0.75.0/24} for {@code 10.0.75.1/24}. */
  public Ipv4Cidr network() {
    return new Ipv4Cidr(address & netmask(), prefixLength);
  }

  public int broadcast() {
    return address | ~netmask();
  }

  public boolean isNetworkAddress() {
    return address == (address & netmask());
  }

  public boolean contains(int other) {
    return (other & netmask()) == (address & netmask());
  }

  /** Whether the two networks share an address: one holds the other. */
  public boolean overlaps(Ipv4Cidr other) {
    int shorter = Math.min(prefixLength, other.prefixLength);
    int mask = shorter == 0 ? 0 : -1 << (32 - shorter);
    return (address & mask) == (other.address & mask);
  }

  /** The same prefix with another address, e.g. the gateway inside a subnet. */
  public Ipv4Cidr withAddress(int other) {
    return new Ipv4Cidr(other, prefixLength);
  }

  public String addressText() {
    return formatAddress(address);
  }

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
