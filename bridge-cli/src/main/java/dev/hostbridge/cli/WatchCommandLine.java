package dev.hostbridge.cli;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.api.ConfigSource;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line a boot service runs: this Java and this jar, {@code watch}, its log file, and
 * every setting of the installation written out, so that the service does the same as the command
 * that installed it whatever user and environment it starts with.
 */
final class WatchCommandLine {

  /** What bin/host-bridge gives a watcher: a small, quiet daemon. */
  static final List<String> DAEMON_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
      "-Xms8m", "-Xmx48m", "-Xss256k", "-XX:ReservedCodeCacheSize=16m", "-XX:MaxMetaspaceSize=48m", "-XX:CICompilerCount=1",
      "-XX:MaxDirectMemorySize=8m", "-XX:-UsePerfData", "-XX:+UnlockDiagnosticVMOptions", "-XX:GuaranteedSafepointInterval=0");

  /**
   * What bin/host-bridge gives a watcher of the tunnel, which carries every packet to the containers:
   * the same, with the optimising compiler.
   */
  static final List<String> TUNNEL_DAEMON_OPTIONS = List.of("-XX:+UseSerialGC", "-Xshare:auto",
      "-Xms8m", "-Xmx64m", "-Xss256k", "-XX:ReservedCodeCacheSize=32m", "-XX:MaxMetaspaceSize=48m",
      "-XX:MaxDirectMemorySize=8m", "-XX:-UsePerfData", "-XX:+UnlockDiagnosticVMOptions", "-XX:GuaranteedSafepointInterval=0");

  private WatchCommandLine() {}

  /**
   * The watcher's command line; {@code strategy} is the one in use now, written out so that the
   * service does not decide {@code auto} afresh at boot, and so that a tunnel's watcher gets the
   * compiler it needs.
   */
  static List<String> of(BridgeConfig config, BridgeConfig.Strategy strategy, Optional<String> dockerHost, Path log) {
    return of(config, strategy, dockerHost, log, Optional.empty());
  }

  /** As {@link #of(BridgeConfig, BridgeConfig.Strategy, Optional, Path)}, running {@code program} (root's copy of the jar) when given. */
  static List<String> of(BridgeConfig config, BridgeConfig.Strategy strategy, Optional<String> dockerHost, Path log, Optional<Path> program) {
    List<String> argv = new ArrayList<>();
    argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    argv.addAll(strategy == BridgeConfig.Strategy.TUNNEL ? TUNNEL_DAEMON_OPTIONS : DAEMON_OPTIONS);
    Path location = codeLocation();
    if (program.isPresent()) {
      argv.addAll(List.of("-jar", program.get().toString()));
    } else if (runsFromJar()) {
      argv.addAll(List.of("-jar", location.toString()));
    } else {
      argv.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    }
    argv.addAll(List.of("watch", "--log-file", log.toString(), "--state-dir", config.stateDir().toString()));
    argv.addAll(List.of("--strategy", strategy.optionValue()));
    for (ConfigKey key : ConfigKey.values()) {
      if (key == ConfigKey.STATE_DIR || key == ConfigKey.DOCKER_HOST || key == ConfigKey.STRATEGY
          || config.source(key) == ConfigSource.DEFAULT) {
        continue;
      }
      config.rawValue(key).ifPresent(value -> argv.addAll(List.of(key.flag(), value)));
    }
    dockerHost.ifPresent(uri -> argv.addAll(List.of("--docker-host", uri)));
    for (String key : config.pluginSettings().explicitKeys()) {
      argv.addAll(List.of("--set", key + "=" + config.pluginSettings().get(key).orElseThrow()));
    }
    return List.copyOf(argv);
  }

  /** Whether this host-bridge runs from its jar (not from a class path of directories, as in its own tests). */
  static boolean runsFromJar() {
    Path location = codeLocation();
    return Files.isRegularFile(location) && location.toString().endsWith(".jar");
  }

  static Path codeLocation() {
    try {
      return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
    } catch (URISyntaxException | RuntimeException e) {
      return Path.of("");
    }
  }
}
