package dev.hostbridge.macos.privileged;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.core.Settings;
import dev.hostbridge.macos.MacosPlatform;
import dev.hostbridge.macos.MacosPlatformProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The root helper on macOS: the macOS platform starts it through sudo with a fixed command line
 * (see {@link HelperCommandLine}) when a change needs root; a person never does. It carries out only the allow-listed requests
 * of {@link PrivilegedOperation}, one per line on stdin, answers
 * each on stdout, and exits when stdin closes. It takes no arguments and reads no environment, so
 * nothing but the checked requests decides what it does as root.
 */
public final class HelperMain {

  static final int SERVED = 0;
  static final int FAILED = 1;
  static final int REFUSED = 2;

  private HelperMain() {}

  public static void main(String[] args) {
    // Before any logger exists: stdout carries the protocol, so logs (and any stray print) go to stderr.
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    PrintStream protocol = System.out;
    System.setOut(System.err);
    System.exit(run(args, System.getProperty("os.name", ""), RootCheck.system(), HelperMain::macosPlatform,
        System.in, protocol, System.err));
  }

  static int run(String[] args, String osName, RootCheck root, Supplier<HostPlatform> platform,
      InputStream requests, OutputStream answers, PrintStream log) {
    if (args.length != 0) {
      return refuse(log, "it takes no arguments");
    }
    if (!new MacosPlatformProvider().supports(osName)) {
      // Its system calls are macOS's; on another kernel the same request numbers mean other things.
      return refuse(log, "it is for macOS, and this is " + osName);
    }
    if (!root.isRoot()) {
      return refuse(log, "it must run as root (effective uid 0)");
    }
    try {
      HelperServer server = new HelperServer(new PrivilegedExecutor(platform.get()));
      Writer out = new OutputStreamWriter(answers, StandardCharsets.UTF_8);
      server.serve(new BufferedReader(new InputStreamReader(requests, StandardCharsets.UTF_8)), out);
      return SERVED;
    } catch (IOException | RuntimeException e) {
      log.println("host-bridge helper: stopped: " + e);
      return FAILED;
    }
  }

  private static int refuse(PrintStream log, String why) {
    log.println("host-bridge helper: refused: " + why + ". host-bridge starts it through sudo when a change needs root; "
        + "run host-bridge itself instead.");
    return REFUSED;
  }

  /**
   * An empty environment: neither root's nor the caller's variables steer the helper. The
   * configuration matters to MacosPlatform only for Docker Desktop, which the helper never touches.
   */
  private static HostPlatform macosPlatform() {
    return new MacosPlatform(Settings.builder().environment(Map.of()).build());
  }
}
