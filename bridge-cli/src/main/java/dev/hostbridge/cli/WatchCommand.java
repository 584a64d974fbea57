package dev.hostbridge.cli;

import dev.hostbridge.api.BridgeStatus;
import dev.hostbridge.api.Plan;
import dev.hostbridge.core.ControlSocket;
import dev.hostbridge.core.HostBridge;
import dev.hostbridge.core.Watcher;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;

@Command(name = "watch", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    footer = {"", "Runs in the foreground until it is stopped (Ctrl-C, SIGTERM); stopping it leaves the machine",
        "installed. While it runs, 'host-bridge status' asks it instead of probing.",
        "", "Examples:",
        "  host-bridge watch",
        "  host-bridge watch --network tap --device tap1",
        "", ExitCodes.FOOTER_1, ExitCodes.FOOTER_2, ExitCodes.FOOTER_3},
    description = "Keep the installation true: re-apply what a VM or Docker restart took away, as it happens.")
final class WatchCommand extends BridgeCommand {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  @picocli.CommandLine.Option(names = "--log-file", paramLabel = "FILE",
      description = "Write the watcher's lines to FILE instead of standard output, keeping it under --log-max-bytes "
          + "(the older half goes to FILE.1).")
  java.nio.file.Path logFile;

  @picocli.CommandLine.Option(names = "--log-max-bytes", paramLabel = "N", defaultValue = "1048576",
      description = "The most a log file holds before it becomes FILE.1 (default 1 MiB).")
  long logMaxBytes;

  @Inject
  WatchCommand(CliEnvironment environment, BridgeFactory factory, Renderer renderer) {
    super(environment, factory, renderer);
  }

  /** A daemon's output is its changes of condition, not every probe it makes. */
  @Override
  boolean showsProgress() {
    return false;
  }

  private java.util.function.Consumer<String> out;

  /** The watcher keeps the tunnel: with the tunnel strategy its host side lives in this process. */
  @Override
  HostBridge.Builder customize(HostBridge.Builder builder) {
    if (logFile != null) {
      BoundedLog log = new BoundedLog(logFile, Math.max(4096, logMaxBytes));
      out = line -> log.line(java.time.OffsetDateTime.now().withNano(0) + " " + line);
    } else {
      out = line -> renderer.line("%s %s", LocalTime.now().format(TIME), line);
    }
    return builder.keepTunnel(out);
  }

  @Override
  int run(HostBridge bridge) {
    java.util.function.Consumer<String> out = this.out;
    Watcher watcher = bridge.watcher(out, Watcher.Backoff.standard());
    try (ControlSocket socket = ControlSocket.listen(bridge.config().stateDir(), () -> document(bridge, watcher))) {
      // On SIGTERM the JVM ends when its hooks have run, wherever the main thread is: the hook
      // itself stops the watcher and takes the socket away.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        watcher.close();
        socket.close();
      }, "host-bridge-watch-stop"));
      String what = bridge.strategy() == dev.hostbridge.api.BridgeConfig.Strategy.TUNNEL
          ? "keeping the tunnel to the Docker VM and its routes to every Docker network"
          : String.format("watching %s and the Docker network %s", bridge.config().device(), bridge.config().network());
      out.accept(String.format("%s; status on %s (pid %d)", what, bridge.config().stateDir().resolve(ControlSocket.FILE),
          ProcessHandle.current().pid()));
      watcher.run();
      return ExitCodes.OK;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.OK;
    } finally {
      watcher.close();
    }
  }

  /** The status document the watcher answers with: the last check's, without a new probe. */
  static String document(HostBridge bridge, Watcher watcher) {
    Watcher.State state = watcher.state();
    BridgeStatus status = state.status().orElse(new BridgeStatus(bridge.platform().name(), new Plan(List.of()),
        bridge.config().network(), bridge.config().device(), Optional.empty(), List.of()));
    StringWriter text = new StringWriter();
    new JsonReport(new PrintWriter(text)).status(status, ExitCodes.OK,
        new JsonReport.WatcherInfo(ProcessHandle.current().pid(), state.condition(), state.since(), state.checkedAt()));
    return text.toString().strip();
  }
}
