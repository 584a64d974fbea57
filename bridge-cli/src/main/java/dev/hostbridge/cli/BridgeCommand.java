package dev.hostbridge.cli;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.core.HostBridge;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The shared shape of the commands: build the configuration, make the facade, map failures to exit codes. */
abstract class BridgeCommand implements Callable<Integer> {

  @Mixin ConfigOptions options;
  @Spec CommandSpec spec;

  final CliEnvironment environment;
  final BridgeFactory factory;
  final Renderer renderer;

  BridgeCommand(CliEnvironment environment, BridgeFactory factory, Renderer renderer) {
    this.environment = environment;
    this.factory = factory;
    this.renderer = renderer;
  }

  @Override
  public final Integer call() {
    try {
      BridgeConfig config = options.toConfig(environment.variables());
      HostBridge.Builder builder = customize(factory.builder(config));
      try (HostBridge bridge = (showsProgress() ? renderer.listen(builder) : builder).build()) {
        return run(bridge);
      }
    } catch (BridgeException e) {
      int code = ExitCodes.of(e);
      if (json()) {
        renderer.json().error(spec.name(), e, code);
        if (environment.verbose()) {
          renderer.error(e);
        }
      } else {
        renderer.error(e);
      }
      return code;
    } finally {
      renderer.finish();
    }
  }

  abstract int run(HostBridge bridge);

  /** What a command adds to the bridge before it is built (the watcher keeps the tunnel). */
  HostBridge.Builder customize(HostBridge.Builder builder) {
    return builder;
  }

  /** Whether each step's checking and applying is shown as it happens. */
  boolean showsProgress() {
    return true;
  }

  /** Whether the command writes one JSON document (--json) instead of text. */
  boolean json() {
    return false;
  }

  /** Asks before changing the machine, unless --yes; refuses when nobody can answer. */
  boolean confirmed(boolean yes, String question) {
    if (yes) {
      return true;
    }
    if (!environment.interactive()) {
      throw new BridgeException(ErrorCode.USAGE_CONFIRMATION, "this command changes the machine and there is no terminal to ask for confirmation",
          "Run it again with --yes.");
    }
    environment.out().print(question + " [y/N] ");
    environment.out().flush();
    try {
      String answer = environment.in().readLine();
      return answer != null && answer.trim().toLowerCase(java.util.Locale.ROOT).startsWith("y");
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
