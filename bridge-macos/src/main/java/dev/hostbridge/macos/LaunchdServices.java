package dev.hostbridge.macos;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.ServiceManager;
import dev.hostbridge.core.platform.CommandRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * launchd: a LaunchDaemon {@code /Library/LaunchDaemons/dev.hostbridge.watch.plist}, loaded into
 * the system domain with {@code launchctl bootstrap} (it runs as root at boot, as changing the
 * network needs). {@code root} is the file system root ("/" in production) for tests.
 */
final class LaunchdServices implements ServiceManager {

  static final String LABEL = "dev.hostbridge.watch";
  private static final Duration LAUNCHCTL_TIMEOUT = Duration.ofSeconds(60);

  private final Path root;
  private final CommandRunner runner;

  LaunchdServices(Path root, CommandRunner runner) {
    this.root = root;
    this.runner = runner;
  }

  @Override
  public Optional<String> unavailable() {
    return Optional.empty();
  }

  @Override
  public Path programDirectory() {
    return Path.of("/Library/Application Support/host-bridge");
  }

  @Override
  public Path definitionFile() {
    return root.resolve("Library/LaunchDaemons").resolve(LABEL + ".plist");
  }

  @Override
  public String definition(List<String> argv, Path log) {
    StringBuilder arguments = new StringBuilder();
    for (String word : argv) {
      arguments.append("    <string>").append(xml(word)).append("</string>\n");
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
        + "<!-- " + MARKER + " -->\n"
        + "<plist version=\"1.0\">\n"
        + "<dict>\n"
        + "  <key>Label</key>\n"
        + "  <string>" + LABEL + "</string>\n"
        + "  <key>ProgramArguments</key>\n"
        + "  <array>\n" + arguments
        + "  </array>\n"
        + "  <key>RunAtLoad</key>\n"
        + "  <true/>\n"
        + "  <key>KeepAlive</key>\n"
        + "  <true/>\n"
        // A failing start is not retried at once: launchd waits this long between starts.
        + "  <key>ThrottleInterval</key>\n"
        + "  <integer>10</integer>\n"
        // The watcher writes its own log, with a size bound; launchd's files catch what comes before it.
        + "  <key>StandardOutPath</key>\n"
        + "  <string>" + xml(log.resolveSibling("launchd.log").toString()) + "</string>\n"
        + "  <key>StandardErrorPath</key>\n"
        + "  <string>" + xml(log.resolveSibling("launchd.log").toString()) + "</string>\n"
        + "</dict>\n"
        + "</plist>\n";
  }

  static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  @Override
  public void start() {
    CommandRunner.Result result = runner.run(List.of("/bin/launchctl", "bootstrap", "system", definitionFile().toString()),
        LAUNCHCTL_TIMEOUT);
    if (!result.succeeded()) {
      throw new BridgeException(ErrorCode.SERVICE_FAILED, "launchctl bootstrap failed (exit " + result.exitCode() + "): "
          + result.outputTail(), "It needs root: run 'sudo host-bridge service install'. See 'launchctl print system/"
          + LABEL + "'.");
    }
  }

  @Override
  public void stop() {
    // Exit 3 / "No such process": it was not loaded, which is what stop wants.
    runner.run(List.of("/bin/launchctl", "bootout", "system/" + LABEL), LAUNCHCTL_TIMEOUT);
  }

  @Override
  public String state() {
    CommandRunner.Result result = runner.run(List.of("/bin/launchctl", "print", "system/" + LABEL), LAUNCHCTL_TIMEOUT);
    if (!result.succeeded()) {
      return "not loaded";
    }
    return result.output().lines().map(String::strip).filter(l -> l.startsWith("state = ")).findFirst()
        .map(l -> l.substring("state = ".length())).orElse("loaded");
  }
}
