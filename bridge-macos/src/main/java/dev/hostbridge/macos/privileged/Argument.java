package dev.hostbridge.macos.privileged;

import dev.hostbridge.api.Ipv4Cidr;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The kinds of argument a privileged operation takes, each with the one form it accepts. The
 * forms are narrow on purpose: a request that is not exactly what host-bridge sends is refused.
 */
public enum Argument {
  /** A tuntaposx device: tap0 to tap15. */
  DEVICE("a tuntaposx device, tap0 to tap15") {
    @Override
    Optional<String> canonical(String value) {
      return matches(TAP, value);
    }
  },
  /** A macOS short user name. */
  USER("a user name (letters, digits, '_', '.', '-'; at most 32)") {
    @Override
    Optional<String> canonical(String value) {
      return matches(USER_NAME, value);
    }
  },
  /** Only tap interfaces are ever changed as root. */
  TAP_INTERFACE("a tap interface, tap0 to tap15") {
    @Override
    Optional<String> canonical(String value) {
      return matches(TAP, value);
    }
  },
  /** An interface address with its prefix, /8 to /32. */
  INTERFACE_ADDRESS("an IPv4 address with a prefix of /8 to /32, e.g. 10.0.75.1/24") {
    @Override
    Optional<String> canonical(String value) {
      return cidr(value).filter(c -> c.prefixLength() >= 8).map(Ipv4Cidr::toString).filter(value::equals);
    }
  },
  /** A route destination: a network address, /8 to /32, so never a default route. */
  ROUTE_DESTINATION("a subnet in network form with a prefix of /8 to /32, e.g. 172.18.0.0/16") {
    @Override
    Optional<String> canonical(String value) {
      return cidr(value).filter(c -> c.prefixLength() >= 8 && c.isNetworkAddress())
          .map(Ipv4Cidr::toString).filter(value::equals);
    }
  },
  LINK_STATE("up or down") {
    @Override
    Optional<String> canonical(String value) {
      return value.equals("up") || value.equals("down") ? Optional.of(value) : Optional.empty();
    }
  },
  NEXT_HOP_KIND("gateway or interface") {
    @Override
    Optional<String> canonical(String value) {
      return value.equals(GATEWAY) || value.equals(INTERFACE) ? Optional.of(value) : Optional.empty();
    }
  },
  /** A gateway address or a tap interface, as the argument before it says. */
  NEXT_HOP("an IPv4 gateway address (a.b.c.d) or a tap interface (tap0 to tap15)") {
    @Override
    Optional<String> canonical(String value) {
      return matches(TAP, value).or(() -> address(value));
    }
  },
  /** An installer package, named by an absolute, normalized path. */
  PACKAGE("an absolute path to a .pkg or .mpkg file") {
    @Override
    Optional<String> canonical(String value) {
      if (!value.startsWith("/") || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f) || !value.matches(".+\\.m?pkg")) {
        return Optional.empty();
      }
      try {
        return Path.of(value).normalize().toString().equals(value) ? Optional.of(value) : Optional.empty();
      } catch (InvalidPathException e) {
        return Optional.empty();
      }
    }
  };

  static final String GATEWAY = "gateway";
  static final String INTERFACE = "interface";
  private static final Pattern TAP = Pattern.compile("tap(?:[0-9]|1[0-5])");
  private static final Pattern USER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,31}");

  private final String form;

  Argument(String form) {
    this.form = form;
  }

  /** The accepted form, in words, for the refusal message. */
  public String form() {
    return form;
  }

  /** The value when it has exactly the accepted form (no other spelling of it), else empty. */
  abstract Optional<String> canonical(String value);

  private static Optional<String> matches(Pattern pattern, String value) {
    return pattern.matcher(value).matches() ? Optional.of(value) : Optional.empty();
  }

  private static Optional<Ipv4Cidr> cidr(String value) {
    try {
      return Optional.of(Ipv4Cidr.parse(value));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static Optional<String> address(String value) {
    try {
      return Optional.of(Ipv4Cidr.formatAddress(Ipv4Cidr.parseAddress(value))).filter(value::equals);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static boolean isTap(String value) {
    return TAP.matcher(value).matches();
  }
}
