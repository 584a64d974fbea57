package dev.hostbridge.core.tunnel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The VM side of the tunnel: a POSIX sh script ({@code vm-side.sh}, a resource beside this class)
 * run in a helper container with the VM's network, and what goes in and out of it. It takes its
 * values from the environment, never from its text, and each value is checked here before it
 * goes, and by the script again; it answers with {@code key=value} lines ({@link Result}).
 */
public final class VmSideScript {

  static final String RESOURCE = "vm-side.sh";
  private static final Pattern INTERFACE = Pattern.compile("[a-z][a-z0-9_-]{0,14}");
  private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
  /** A parent interface of the VM's, as Docker names them (eth0, enp0s1, ens1.10). */
  private static final Pattern INTERFACE_ANY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,14}");
  private static final Pattern CIDR = Pattern.compile("(?:[0-9]{1,3}\\.){3}[0-9]{1,3}/(?:[89]|[12][0-9]|30)");
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}");
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9+/]{43}=");

  /**
   * What {@code up} makes: the interface, its address and the host's at the other end, the host's
   * public key, where the host listens as the VM reaches it (an IPv4 address or a host name) and
   * the port, the keepalive in seconds, and the bridges of {@code --internal} networks.
   */
  public record Up(String interfaceName, String vmAddress, String hostAddress, String hostPublicKey, String endpoint,
      int port, int keepalive, List<String> natBridges, List<String> macvlans) {

    /** Without macvlan networks. */
    public Up(String interfaceName, String vmAddress, String hostAddress, String hostPublicKey, String endpoint, int port,
        int keepalive, List<String> natBridges) {
      this(interfaceName, vmAddress, hostAddress, hostPublicKey, endpoint, port, keepalive, natBridges, List.of());
    }

    public Up {
      natBridges = List.copyOf(natBridges);
      macvlans = List.copyOf(macvlans);
      for (String macvlan : macvlans) {
        String[] parts = macvlan.split("=", -1);
        if (parts.length != 3 || !INTERFACE_ANY.matcher(parts[0]).matches() || !CIDR.matcher(parts[1]).matches()
            || !IPV4.matcher(parts[2]).matches()) {
          throw new IllegalArgumentException("a macvlan network \"" + macvlan + "\" is not parent=subnet=address");
        }
      }
      check(INTERFACE, interfaceName, "the VM's tunnel interface");
      check(IPV4, vmAddress, "the VM's tunnel address");
      check(IPV4, hostAddress, "the host's tunnel address");
      check(KEY, hostPublicKey, "the host's public key");
      if (!IPV4.matcher(endpoint).matches() && !HOST_NAME.matcher(endpoint).matches()) {
        throw new IllegalArgumentException("the tunnel endpoint \"" + endpoint + "\" is neither an IPv4 address nor a host name");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("the tunnel port " + port + " is not 1 to 65535");
      }
      if (keepalive < 1 || keepalive > 65535) {
        throw new IllegalArgumentException("the keepalive " + keepalive + " is not 1 to 65535 seconds");
      }
      natBridges.forEach(bridge -> check(INTERFACE, bridge, "a bridge to masquerade into"));
    }

    /** The script's environment for this. */
    public Map<String, String> environment() {
      Map<String, String> env = new LinkedHashMap<>();
      env.put("HB_ACTION", "up");
      env.put("HB_IF", interfaceName);
      env.put("HB_VM_ADDRESS", vmAddress);
      env.put("HB_HOST_ADDRESS", hostAddress);
      env.put("HB_HOST_KEY", hostPublicKey);
      env.put("HB_ENDPOINT", endpoint);
      env.put("HB_PORT", Integer.toString(port));
      env.put("HB_KEEPALIVE", Integer.toString(keepalive));
      env.put("HB_NAT_BRIDGES", String.join(" ", natBridges));
      env.put("HB_MACVLANS", String.join(" ", macvlans));
      return env;
    }
  }

  /**
   * What {@code forward} sets up for {@code --route-all} with the tap: the VM's tap NIC gets
   * {@code address} (with the tap subnet's prefix) and loses {@code removeAddresses} (its earlier
   * ones there), and the firewall lets traffic from and to that NIC through Docker's rules; traffic
   * from {@code hostAddress} into the bridges of {@code --internal} networks is masqueraded.
   */
  public record Forward(String interfaceName, String address, String hostAddress, List<String> removeAddresses,
      List<String> natBridges) {

    public Forward {
      removeAddresses = List.copyOf(removeAddresses);
      natBridges = List.copyOf(natBridges);
      check(INTERFACE, interfaceName, "the VM's tap NIC");
      check(CIDR, address, "the VM's address on the tap link");
      check(IPV4, hostAddress, "the host's tap address");
      removeAddresses.forEach(old -> check(CIDR, old, "an earlier address of the VM's tap NIC"));
      natBridges.forEach(bridge -> check(INTERFACE, bridge, "a bridge to masquerade into"));
    }

    /** The script's environment for this. */
    public Map<String, String> environment() {
      Map<String, String> env = new LinkedHashMap<>();
      env.put("HB_ACTION", "forward");
      env.put("HB_IF", interfaceName);
      env.put("HB_ADDRESS", address);
      env.put("HB_HOST_ADDRESS", hostAddress);
      env.put("HB_REMOVE_ADDRESSES", String.join(" ", removeAddresses));
      env.put("HB_NAT_BRIDGES", String.join(" ", natBridges));
      return env;
    }
  }

  /** The environment of {@code unforward}: the rules of {@code interfaceName} go, and {@code address} from it when given. */
  public static Map<String, String> unforwardEnvironment(String interfaceName, Optional<String> address) {
    check(INTERFACE, interfaceName, "the VM's tap NIC");
    address.ifPresent(a -> check(CIDR, a, "the VM's address on the tap link"));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HB_ACTION", "unforward");
    env.put("HB_IF", interfaceName);
    address.ifPresent(a -> env.put("HB_ADDRESS", a));
    return env;
  }

  /** Whether the VM's tap NIC can be named to the script (a to z first, then a to z, digits, _ and -; at most 15). */
  public static boolean scriptableInterface(String name) {
    return name != null && INTERFACE.matcher(name).matches();
  }

  /** What the script said: the VM's public key and how it made the interface, the rules it added; or its error. */
  public record Result(Optional<String> publicKey, Optional<String> mode, Optional<String> firewall, Optional<String> endpoint,
      List<String> rulesAdded, boolean ready, Optional<String> error) {}

  private VmSideScript() {}

  /** The helper container's command: the script run by {@code sh}, its {@code $0} naming it. */
  public static List<String> command() {
    return List.of("sh", "-c", text(), "host-bridge-vm-side");
  }

  /** The script's text. */
  public static String text() {
    try (InputStream in = VmSideScript.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The environment of {@code down} for {@code interfaceName}: its rules and the interface go. */
  public static Map<String, String> downEnvironment(String interfaceName) {
    check(INTERFACE, interfaceName, "the VM's tunnel interface");
    return Map.of("HB_ACTION", "down", "HB_IF", interfaceName);
  }

  /** Reads the script's output; lines that are not {@code key=value} of its keys are ignored. */
  public static Result parse(String output) {
    List<String> rules = new ArrayList<>();
    Map<String, String> last = fields(output, rules::add);
    Optional<String> publicKey = Optional.ofNullable(last.get("public_key")).filter(k -> KEY.matcher(k).matches());
    return new Result(publicKey, Optional.ofNullable(last.get("mode")), Optional.ofNullable(last.get("firewall")),
        Optional.ofNullable(last.get("endpoint")), List.copyOf(rules), "1".equals(last.get("ready")),
        Optional.ofNullable(last.get("error")));
  }

  /**
   * The script's {@code key=value} lines, the last value of each key; each {@code rule} line goes
   * to {@code rules} instead, in order. Lines without a key are passed over.
   */
  static Map<String, String> fields(String output, java.util.function.Consumer<String> rules) {
    Map<String, String> last = new LinkedHashMap<>();
    for (String line : output.split("\n")) {
      int equals = line.indexOf('=');
      if (equals <= 0) {
        continue;
      }
      String key = line.substring(0, equals);
      String value = line.substring(equals + 1).strip();
      if (key.equals("rule")) {
        rules.accept(value);
      } else {
        last.put(key, value);
      }
    }
    return last;
  }

  private static void check(Pattern pattern, String value, String what) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " \"" + value + "\" is not of the form " + pattern.pattern());
    }
  }
}
