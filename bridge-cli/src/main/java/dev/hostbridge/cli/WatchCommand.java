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

  @Inject
  WatchCommand(CliEnvironment environment, BridgeFactory factory, Renderer renderer) {
    super(environment, factory, renderer);
  }

  /** A daemon's output is its changes of condition, not every probe it makes. */
  @Override
  boolean showsProgress() {
    return false;
  }

  @Override
  int run(HostBridge bridge) {
    Watcher watcher = bridge.watcher(line -> renderer.line("%s %s", LocalTime.now().format(TIME), line), Watcher.Backoff.standard());
    Thread stop = new Thread(watcher::close, "host-bridge-watch-stop");
    try (ControlSocket socket = ControlSocket.listen(bridge.config().stateDir(), () -> document(bridge, watcher))) {
      Runtime.getRuntime().addShutdownHook(stop);
      renderer.line("%s watching %s and the Docker network %s; status on %s", LocalTime.now().format(TIME),
          bridge.config().device(), bridge.config().network(), bridge.config().stateDir().resolve(ControlSocket.FILE));
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
