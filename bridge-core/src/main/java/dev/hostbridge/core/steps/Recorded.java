package dev.hostbridge.core.steps;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.StepContext;
import dev.hostbridge.core.Settings;
import dev.hostbridge.core.steps.shim.LauncherLocator;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a step's revert reads back from the journal, checked as strictly as the command line's
 * values: the journal is a file on disk, and a value edited into it must not send a revert
 * elsewhere (another device, a path outside Docker.app, a network host-bridge did not create).
 * A value that fails is refused with {@link ErrorCode#JOURNAL_INVALID_RECORD}; the entry stays in
 * the journal and nothing is done for it.
 */
final class Recorded {

  /** An interface name as iproute2 and the VM show it. */
  private static final Pattern NIC = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
  private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");

  private Recorded() {}

  static Optional<String> device(StepContext context, String key) {
    return context.recorded(key).map(value -> checked(context, key, value,
        () -> Settings.check(ConfigKey.DEVICE, value, context.config().platform())));
  }

  static Optional<String> network(StepContext context, String key) {
    return context.recorded(key).map(value -> checked(context, key, value,
        () -> Settings.check(ConfigKey.NETWORK, value, context.config().platform())));
  }

  static Optional<Ipv4Cidr> address(StepContext context, String key) {
    return context.recorded(key).map(value -> {
      try {
        return Ipv4Cidr.parse(value);
      } catch (IllegalArgumentException e) {
        throw invalid(context, key, value, "is not an IPv4 address with a prefix");
      }
    });
  }

  /** A list of subnets in network form, separated by spaces; empty when nothing was recorded. */
  static java.util.List<Ipv4Cidr> subnets(StepContext context, String key) {
    return context.recorded(key).filter(value -> !value.isBlank()).map(value -> {
      java.util.List<Ipv4Cidr> out = new java.util.ArrayList<>();
      for (String word : value.strip().split(" +")) {
        try {
          Ipv4Cidr subnet = Ipv4Cidr.parse(word);
          if (!subnet.isNetworkAddress()) {
            throw invalid(context, key, value, "lists " + word + ", which is not a subnet in network form");
          }
          out.add(subnet);
        } catch (IllegalArgumentException e) {
          throw invalid(context, key, value, "lists " + word + ", which is not an IPv4 subnet");
        }
      }
      return java.util.List.copyOf(out);
    }).orElse(java.util.List.of());
  }

  static Optional<String> nic(StepContext context, String key) {
    return context.recorded(key).map(value -> matching(context, key, value, NIC, "is not an interface name"));
  }

  static Optional<String> mac(StepContext context, String key) {
    return context.recorded(key).map(value -> matching(context, key, value, MAC, "is not a MAC address"));
  }

  /**
   * A launcher path: absolute, and either the launcher this configuration names or one inside a
   * Docker.app where Docker puts it.
   */
  static Optional<Path> launcher(StepContext context, String key) {
    return context.recorded(key).map(value -> {
      Path path = Path.of(value);
      boolean named = context.config().launcher().map(l -> l.toAbsolutePath().normalize().equals(path)).orElse(false);
      boolean insideApp = LauncherLocator.INSIDE_APP.stream().anyMatch(inside -> path.endsWith(inside)
          && path.getNameCount() > Path.of(inside).getNameCount()
          && path.getName(path.getNameCount() - Path.of(inside).getNameCount() - 1).toString().endsWith(".app"));
      if (!path.isAbsolute() || !path.equals(path.normalize()) || !(named || insideApp)) {
        throw invalid(context, key, value, "is neither the launcher this configuration names nor one inside a Docker.app");
      }
      return path;
    });
  }

  private static String matching(StepContext context, String key, String value, Pattern pattern, String problem) {
    if (!pattern.matcher(value).matches()) {
      throw invalid(context, key, value, problem);
    }
    return value;
  }

  private static String checked(StepContext context, String key, String value, Runnable check) {
    try {
      check.run();
      return value;
    } catch (BridgeException e) {
      throw invalid(context, key, value, "is not accepted: " + e.getMessage());
    }
  }

  static BridgeException invalid(StepContext context, String key, String value, String problem) {
    String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
    return new BridgeException(ErrorCode.JOURNAL_INVALID_RECORD, "the journal's '" + key + "' ('"
        + shown.replaceAll("\\p{Cntrl}", "?") + "') " + problem + "; host-bridge does not act on it",
        "Someone or something edited the journal in " + context.config().stateDir() + ": check it, restore it from a "
            + "backup, or remove that entry by hand; then run uninstall again.");
  }
}
