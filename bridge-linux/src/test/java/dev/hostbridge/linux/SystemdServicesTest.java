package dev.hostbridge.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hostbridge.api.ServiceManager;
import dev.hostbridge.core.platform.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The systemd unit host-bridge writes, checked by systemd's own verifier where it is installed. */
class SystemdServicesTest {

  @TempDir Path root;
  final List<List<String>> commands = new ArrayList<>();
  final CommandRunner runner = new CommandRunner(Duration.ofSeconds(30)) {
    @Override
    public Result run(List<String> argv, Duration timeout) {
      commands.add(argv);
      return new Result(0, "");
    }
  };
  SystemdServices services;

  @org.junit.jupiter.api.BeforeEach
  void create() {
    services = new SystemdServices(root, runner); // after JUnit has made the temporary root
  }

  static final List<String> ARGV = List.of("/usr/bin/java", "-Xmx48m", "-jar", "/opt/host bridge/host-bridge.jar", "watch",
      "--restart-command", "sh -c \"echo 100%\"", "--state-dir", "/var/lib/host-bridge");

  @Test
  void systemdIsThereWhenItsRuntimeDirectoryIs() throws Exception {
    assertTrue(services.unavailable().orElseThrow().contains("systemd is not running"));
    Files.createDirectories(root.resolve("run/systemd/system"));
    assertTrue(services.unavailable().isEmpty());
    assertEquals(root.resolve("etc/systemd/system/host-bridge.service"), services.definitionFile());
  }

  @Test
  void theUnitRunsTheWatcherWithEveryWordQuotedAndRestartsItOnFailure() {
    String unit = services.definition(ARGV, Path.of("/var/lib/host-bridge/watch.log"));
    assertTrue(unit.startsWith("# " + ServiceManager.MARKER + "\n"), unit);
    assertTrue(unit.contains("\nExecStart=\"/usr/bin/java\" \"-Xmx48m\" \"-jar\" \"/opt/host bridge/host-bridge.jar\" \"watch\" "
        + "\"--restart-command\" \"sh -c \\\"echo 100%%\\\"\" \"--state-dir\" \"/var/lib/host-bridge\"\n"), unit);
    assertTrue(unit.contains("\nRestart=on-failure\n") && unit.contains("\nWantedBy=multi-user.target\n"), unit);
  }

  @Test
  void systemdAnalyzeAcceptsTheUnit() throws Exception {
    Path analyze = Path.of("/usr/bin/systemd-analyze");
    assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed here");
    Path unit = root.resolve("host-bridge.service");
    List<String> argv = new ArrayList<>(ARGV);
    argv.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString()); // it checks that the program exists
    Files.writeString(unit, services.definition(argv, Path.of("/var/lib/host-bridge/watch.log")));
    Process verify = new ProcessBuilder(analyze.toString(), "verify", unit.toString()).redirectErrorStream(true).start();
    String output = new String(verify.getInputStream().readAllBytes());
    assertEquals(0, verify.waitFor(), output);
    assertTrue(output.isBlank(), "no warnings: " + output);
  }

  @Test
  void startReloadsThenEnablesAndStartsAndStopDisables() {
    services.start();
    services.stop();
    assertEquals(List.of(List.of("systemctl", "daemon-reload"), List.of("systemctl", "enable", "--now", "host-bridge.service"),
        List.of("systemctl", "disable", "--now", "host-bridge.service")), commands);
  }
}
