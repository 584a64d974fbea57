package dev.hostbridge.wireguard;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A WireGuard configuration in the format {@code wg-quick} reads: one {@code [Interface]} and any
 * number of {@code [Peer]} sections of {@code Key = Value} lines. As in {@code wg}, section and key
 * names are case-insensitive, whitespace is ignored, {@code #} starts a comment, and list values
 * (Address, AllowedIPs) are comma-separated and may be given on several lines. Only the keys below
 * are accepted; wg-quick's hooks (PreUp, PostUp, PreDown, PostDown) and the settings host-bridge
 * does not carry out (DNS, Table, FwMark, SaveConfig) are refused with the line they are on, never
 * run or ignored.
 */
public record WireGuardConfig(Interface iface, List<Peer> peers) {

  /** The {@code [Interface]} section. */
  public record Interface(String privateKey, OptionalInt listenPort, List<Cidr> addresses, OptionalInt mtu) {}

  /** A {@code [Peer]} section; {@code persistentKeepalive} is 0 when off. */
  public record Peer(String publicKey, Optional<String> presharedKey, List<Cidr> allowedIps, Optional<Endpoint> endpoint,
      int persistentKeepalive) {}

  /** A peer's {@code Endpoint}: a host name or address literal, and a port. */
  public record Endpoint(String host, int port) {}

  /** A configuration that cannot be used, with where and why in its message. */
  public static final class Invalid extends IllegalArgumentException {
    Invalid(String message) {
      super(message);
    }
  }

  private static final Set<String> HOOKS = Set.of("preup", "postup", "predown", "postdown");
  private static final Map<String, String> UNSUPPORTED = Map.of(
      "dns", "host-bridge does not change the Mac's resolver",
      "table", "host-bridge adds routes for AllowedIPs to the main table only",
      "fwmark", "host-bridge does not mark packets",
      "saveconfig", "host-bridge never writes the configuration file back");

  /** Parses {@code text}; {@code source} names it in errors (a file name). */
  public static WireGuardConfig parse(String text, String source) {
    return new Parser(source).parse(text);
  }

  private static final class Parser {
    private final String source;
    private int line;
    private String section;
    private Set<String> seen = new HashSet<>();
    private String privateKey;
    private Integer listenPort;
    private Integer mtu;
    private final List<Cidr> addresses = new ArrayList<>();
    private boolean sawInterface;
    private PeerBuilder peer;
    private final List<Peer> peers = new ArrayList<>();

    Parser(String source) {
      this.source = source;
    }

    WireGuardConfig parse(String text) {
      String[] lines = text.split("\r?\n", -1);
      for (line = 1; line <= lines.length; line++) {
        String raw = lines[line - 1];
        int hash = raw.indexOf('#');
        String content = (hash < 0 ? raw : raw.substring(0, hash)).replaceAll("\\s", "");
        if (content.isEmpty()) {
          continue;
        }
        if (content.startsWith("[")) {
          startSection(content);
          continue;
        }
        int equals = content.indexOf('=');
        if (equals <= 0) {
          throw invalid("expected \"Key = Value\" or a [Section], got \"" + raw.strip() + "\"");
        }
        String key = content.substring(0, equals);
        String value = content.substring(equals + 1);
        if (value.isEmpty()) {
          throw invalid(key + " has no value");
        }
        keyValue(key, value);
      }
      finishPeer();
      line = 0;
      if (!sawInterface) {
        throw invalid("there is no [Interface] section; add one with a PrivateKey (from `wg genkey`)");
      }
      if (privateKey == null) {
        throw invalid("[Interface] has no PrivateKey; add one (from `wg genkey`)");
      }
      Set<String> keys = new HashSet<>();
      for (Peer p : peers) {
        if (!keys.add(p.publicKey())) {
          throw invalid("two [Peer] sections have PublicKey " + p.publicKey() + "; merge them into one");
        }
      }
      return new WireGuardConfig(new Interface(privateKey, optional(listenPort), List.copyOf(addresses), optional(mtu)),
          List.copyOf(peers));
    }

    private void startSection(String content) {
      String name = content.toLowerCase(Locale.ROOT);
      finishPeer();
      seen = new HashSet<>();
      if (name.equals("[interface]")) {
        if (sawInterface) {
          throw invalid("a second [Interface] section; a configuration has exactly one");
        }
        sawInterface = true;
        section = "interface";
      } else if (name.equals("[peer]")) {
        section = "peer";
        peer = new PeerBuilder(line);
      } else {
        throw invalid("unknown section " + content + "; the sections are [Interface] and [Peer]");
      }
    }

    private void keyValue(String key, String value) {
      String name = key.toLowerCase(Locale.ROOT);
      if (HOOKS.contains(name)) {
        throw invalid(key + " runs a command, which host-bridge never does; remove the line and run the command"
            + " yourself");
      }
      if (UNSUPPORTED.containsKey(name)) {
        throw invalid(key + " is not supported (" + UNSUPPORTED.get(name) + "); remove the line");
      }
      if (section == null) {
        throw invalid(key + " comes before any section; put it under [Interface] or [Peer]");
      }
      boolean list = name.equals("address") || name.equals("allowedips");
      if (!list && !seen.add(name)) {
        throw invalid(key + " appears twice in this section; keep one");
      }
      if (section.equals("interface")) {
        switch (name) {
          case "privatekey" -> privateKey = key(key, value);
          case "listenport" -> listenPort = number(key, value, 0, 65535);
          case "mtu" -> mtu = number(key, value, 576, 65535);
          case "address" -> addresses.addAll(cidrs(key, value));
          default -> throw invalid("unknown key " + key + " in [Interface]; the keys are PrivateKey, ListenPort,"
              + " Address and MTU");
        }
      } else {
        switch (name) {
          case "publickey" -> peer.publicKey = key(key, value);
          case "presharedkey" -> peer.presharedKey = key(key, value);
          case "allowedips" -> peer.allowedIps.addAll(cidrs(key, value));
          case "endpoint" -> peer.endpoint = endpoint(key, value);
          case "persistentkeepalive" -> peer.keepalive = value.equalsIgnoreCase("off") ? 0 : number(key, value, 0, 65535);
          default -> throw invalid("unknown key " + key + " in [Peer]; the keys are PublicKey, PresharedKey,"
              + " AllowedIPs, Endpoint and PersistentKeepalive");
        }
      }
    }

    private void finishPeer() {
      if (peer == null) {
        return;
      }
      if (peer.publicKey == null) {
        int at = line;
        line = peer.line;
        Invalid error = invalid("this [Peer] has no PublicKey; add the peer's `wg pubkey`");
        line = at;
        throw error;
      }
      peers.add(new Peer(peer.publicKey, Optional.ofNullable(peer.presharedKey),
          peer.allowedIps.stream().map(Cidr::network).toList(), Optional.ofNullable(peer.endpoint), peer.keepalive));
      peer = null;
    }

    private String key(String key, String value) {
      try {
        WireGuardEndpoint.decodeKey(value);
        return value;
      } catch (IllegalArgumentException e) {
        throw invalid(key + ": " + e.getMessage());
      }
    }

    private int number(String key, String value, int min, int max) {
      if (!value.matches("\\d{1,5}") || Integer.parseInt(value) < min || Integer.parseInt(value) > max) {
        throw invalid(key + " must be a whole number from " + min + " to " + max + ", got \"" + value + "\"");
      }
      return Integer.parseInt(value);
    }

    private List<Cidr> cidrs(String key, String value) {
      List<Cidr> out = new ArrayList<>();
      for (String item : value.split(",", -1)) {
        try {
          out.add(Cidr.parse(item));
        } catch (IllegalArgumentException e) {
          throw invalid(key + ": " + e.getMessage());
        }
      }
      return out;
    }

    private Endpoint endpoint(String key, String value) {
      String host;
      String port;
      if (value.startsWith("[")) {
        int close = value.indexOf("]:");
        if (close < 0) {
          throw invalid(key + " \"" + value + "\" must be [IPv6 address]:port");
        }
        host = value.substring(1, close);
        port = value.substring(close + 2);
      } else {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || value.indexOf(':') != colon) {
          throw invalid(key + " \"" + value + "\" must be host:port (an IPv6 address in brackets: [fd00::1]:51820)");
        }
        host = value.substring(0, colon);
        port = value.substring(colon + 1);
      }
      if (!host.matches("[A-Za-z0-9.:%_-]{1,253}")) {
        throw invalid(key + " \"" + value + "\" has a host that is neither a name nor an address");
      }
      return new Endpoint(host, number(key + "'s port", port, 1, 65535));
    }

    private Invalid invalid(String message) {
      return new Invalid(source + (line > 0 ? " line " + line : "") + ": " + message);
    }

    private static OptionalInt optional(Integer value) {
      return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }
  }

  private static final class PeerBuilder {
    final int line;
    String publicKey;
    String presharedKey;
    final List<Cidr> allowedIps = new ArrayList<>();
    Endpoint endpoint;
    int keepalive;

    PeerBuilder(int line) {
      this.line = line;
    }
  }
}
