package dev.hostbridge.wireguard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 address with a prefix length, as in {@code 10.0.0.1/24} or {@code fd00::/64}. */
public record Cidr(InetAddress address, int prefix) {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  public Cidr {
    int bits = address.getAddress().length * 8;
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("prefix /" + prefix + " is outside 0.." + bits);
    }
  }

  /**
   * Parses an address literal with an optional {@code /prefix} (without one: a single host). Never
   * looks a name up: anything that is not a literal is refused.
   */
  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    String literal = slash < 0 ? text : text.substring(0, slash);
    InetAddress address;
    if (IPV4.matcher(literal).matches() || IPV6.matcher(literal).matches()) {
      try {
        address = InetAddress.getByName(literal);
      } catch (UnknownHostException e) {
        address = null;
      }
    } else {
      address = null;
    }
    if (address == null || (IPV4.matcher(literal).matches() && !validOctets(literal))) {
      throw new IllegalArgumentException("\"" + text + "\" is not an IP address (like 10.0.0.1/24 or fd00::1/64)");
    }
    int bits = address.getAddress().length * 8;
    if (slash < 0) {
      return new Cidr(address, bits);
    }
    String suffix = text.substring(slash + 1);
    if (!suffix.matches("\\d{1,3}")) {
      throw new IllegalArgumentException("\"" + text + "\" has no prefix length after the slash (like /24)");
    }
    int prefix = Integer.parseInt(suffix);
    if (prefix > bits) {
      throw new IllegalArgumentException("\"" + text + "\": the prefix length is at most " + bits);
    }
    return new Cidr(address, prefix);
  }

  private static boolean validOctets(String literal) {
    for (String octet : literal.split("\\.")) {
      if (Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }

  /** The network: this address with the bits after the prefix cleared. */
  public Cidr network() {
    byte[] bytes = address.getAddress();
    for (int i = 0; i < bytes.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      bytes[i] &= (byte) (0xff << (8 - keep));
    }
    try {
      return new Cidr(InetAddress.getByAddress(bytes), prefix);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code candidate} (4 or 16 bytes) lies in this network. */
  public boolean contains(byte[] candidate) {
    byte[] ours = address.getAddress();
    if (candidate.length != ours.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (ours[i] != candidate[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = 0xff << (8 - rest);
    return ((ours[full] ^ candidate[full]) & mask) == 0;
  }

  @Override
  public String toString() {
    return address.getHostAddress() + "/" + prefix;
  }
}
