package dev.hostbridge.macos.privileged;

import dev.hostbridge.api.HostPlatform;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How the macOS platform reaches the operations that need root, decided by the platform itself so
 * that a program embedding host-bridge behaves as the command does: run as a user, the changes
 * that need root go to a helper that sudo starts on the first such change; run as root, the
 * platform acts directly.
 */
public final class Privileges {

  private Privileges() {}

  /** For this process: its effective uid, a terminal for sudo's password prompt, notices on stderr. */
  public static HostPlatform forThisProcess(HostPlatform direct, Map<String, String> environment) {
    PrintWriter notices = new PrintWriter(System.err, true, Charset.defaultCharset());
    boolean terminal = System.console() != null;
    return wrap(direct, environment, RootCheck.system(), () -> HelperProcessChannel.throughSudo(terminal, notices), notices);
  }

  static HostPlatform wrap(HostPlatform direct, Map<String, String> environment, RootCheck root,
      Supplier<HelperProcessChannel> helper, PrintWriter notices) {
    return switch (Privilege.choose(direct.name(), root, environment)) {
      case HELPER -> new ElevatedPlatform(direct, helper.get());
      case ROOT_THROUGH_SUDO -> {
        warnRootThroughSudo(Privilege.sudoUser(environment), notices);
        yield direct;
      }
      case DIRECT -> direct;
    };
  }

  /** Says what is true of such a run; it changes nothing about how the run goes. */
  private static void warnRootThroughSudo(String user, PrintWriter notices) {
    notices.printf("host-bridge: warning: running as root through sudo. Only a few changes need root (the tap device's owner, "
        + "the tap interface's address and state, routes, installing the driver); run host-bridge as %s, without sudo, "
        + "and it asks sudo for exactly those. Docker Desktop must keep running as %s; this run does not switch back "
        + "to %s to quit and reopen it.%n", user, user, user);
    notices.flush();
  }
}
