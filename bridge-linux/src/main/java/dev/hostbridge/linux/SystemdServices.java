package dev.hostbridge.linux;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.ServiceManager;
import dev.hostbridge.core.platform.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * systemd: a unit {@code host-bridge.service} in /etc/systemd/system, started with systemctl.
 * {@code root} is the file system root ("/" in production), so tests can keep everything in a
 * temporary directory.
 */
final class SystemdServices implements ServiceManager {

  static final String UNIT = "host-bridge.service";
  private static final Duration SYSTEMCTL_TIMEOUT = Duration.ofSeconds(60);

  private final Path root;
  private final CommandRunner runner;

  SystemdServices(Path root, CommandRunner runner) {
    this.root = root;
    this.runner = runner;
  }

  /** systemd runs when /run/systemd/system exists (what sd_booted() checks). */
  @Override
  public Optional<String> unavailable() {
    if (Files.isDirectory(root.resolve("run/systemd/system"))) {
      return Optional.empty();
    }
    return Optional.of("systemd is not running on this machine (there is no /run/systemd/system): it is a container, "
        + "or another init system runs");
  }

  @Override
  public Path definitionFile() {
    return root.resolve("etc/systemd/system").resolve(UNIT);
  }

  @Override
  public String definition(List<String> argv, Path log) {
    return "# " + MARKER + "\n"
        + "[Unit]\n"
        + "Description=host-bridge watch: keeps Docker containers reachable by IP address\n"
        + "Wants=network-online.target\n"
        + "After=network-online.target docker.service\n"
        + "\n"
        + "[Service]\n"
        + "Type=simple\n"
        + "ExecStart=" + argv.stream().map(SystemdServices::quote).collect(Collectors.joining(" ")) + "\n"
        + "Restart=on-failure\n"
        + "RestartSec=5\n"
        // The watcher writes its own log with a size bound; what it prints before that goes to the journal.
        + "StandardOutput=journal\n"
        + "StandardError=journal\n"
        + "\n"
        + "[Install]\n"
        + "WantedBy=multi-user.target\n";
  }

  /** A word for ExecStart: in double quotes, with systemd's escapes for quotes, backslashes and '%' specifiers. */
  static String quote(String word) {
    return "\"" + word.replace("\\", "\\\\").replace("\"", "\\\"").replace("%", "%%") + "\"";
  }

  @Override
  public void start() {
    systemctl("daemon-reload");
    systemctl("enable", "--now", UNIT);
  }

  @Override
  public void stop() {
    CommandRunner.Result disable = runner.run(List.of("systemctl", "disable", "--now", UNIT), SYSTEMCTL_TIMEOUT);
    if (!disable.succeeded() && !disable.output().contains("not loaded") && !disable.output().contains("does not exist")) {
      throw failed("disable --now " + UNIT, disable);
    }
  }

  @Override
  public String state() {
    CommandRunner.Result active = runner.run(List.of("systemctl", "is-active", UNIT), SYSTEMCTL_TIMEOUT);
    return active.output().strip();
  }

  private void systemctl(String... args) {
    List<String> argv = new java.util.ArrayList<>(List.of("systemctl"));
    argv.addAll(List.of(args));
    CommandRunner.Result result = runner.run(argv, SYSTEMCTL_TIMEOUT);
    if (!result.succeeded()) {
      throw failed(String.join(" ", args), result);
    }
  }

  private static BridgeException failed(String what, CommandRunner.Result result) {
    return new BridgeException(ErrorCode.SERVICE_FAILED, "systemctl " + what + " failed (exit " + result.exitCode() + "): "
        + result.outputTail(), "See 'systemctl status " + UNIT + "' and 'journalctl -u " + UNIT + "'.");
  }
}
