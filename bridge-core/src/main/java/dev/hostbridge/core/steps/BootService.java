package dev.hostbridge.core.steps;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.ServiceManager;
import dev.hostbridge.api.Step;
import dev.hostbridge.api.StepContext;
import dev.hostbridge.api.StepStatus;
import dev.hostbridge.core.engine.AtomicFiles;
import dev.hostbridge.core.steps.shim.ShellQuote;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * {@code host-bridge watch} runs at boot and is kept alive by the system's service manager: its
 * definition (a launchd plist, a systemd unit) is written atomically, with host-bridge's marker,
 * and the service started; undone by stopping it and removing exactly that file. A definition that
 * host-bridge did not write is never touched.
 */
public final class BootService implements Step {

  public static final String ID = "boot-service";

  private final List<String> argv;
  private final Path log;

  /** {@code argv} runs the watcher with the installation's settings written out; {@code log} is its log file. */
  public BootService(List<String> argv, Path log) {
    this.argv = List.copyOf(argv);
    this.log = log;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "host-bridge watch runs at boot, kept alive by the service manager";
  }

  @Override
  public StepStatus check(StepContext context) {
    ServiceManager services = context.platform().services();
    if (services.unavailable().isPresent()) {
      return StepStatus.blocked(services.unavailable().get(), "Run "
          + argv.stream().map(ShellQuote::quote).collect(java.util.stream.Collectors.joining(" "))
          + " from the init system this machine has, or in a terminal.");
    }
    Path file = services.definitionFile();
    String wanted = services.definition(argv, log);
    if (!Files.exists(file)) {
      return StepStatus.pending("will write " + file + " and start the service");
    }
    String present = read(file);
    if (!present.contains(ServiceManager.MARKER)) {
      return StepStatus.conflict(ErrorCode.SERVICE_FOREIGN, file + " is there and host-bridge did not write it",
          "Move it away if it is an old copy, then run host-bridge service install again.");
    }
    if (!present.equals(wanted)) {
      return StepStatus.pending("will rewrite " + file + " for these settings and restart the service");
    }
    return StepStatus.satisfied(file + " is installed (" + services.state() + ")");
  }

  @Override
  public void apply(StepContext context) {
    ServiceManager services = context.platform().services();
    Path file = services.definitionFile();
    context.record("file", file.toString());
    try {
      if (Files.exists(file)) {
        services.stop(); // an older definition of ours: the service restarts with the new one
      }
      AtomicFiles.write(file, services.definition(argv, log).getBytes(StandardCharsets.UTF_8),
          PosixFilePermissions.fromString("rw-r--r--"));
    } catch (IOException e) {
      throw new BridgeException(ErrorCode.SERVICE_FAILED, "could not write " + file + ": " + e.getMessage(),
          "Installing a boot service needs root: run it with sudo.", e);
    }
    services.start();
  }

  @Override
  public void revert(StepContext context) {
    ServiceManager services = context.platform().services();
    Path file = context.recorded("file").map(Path::of).orElse(services.definitionFile());
    services.stop();
    try {
      if (Files.exists(file) && read(file).contains(ServiceManager.MARKER)) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new BridgeException(ErrorCode.SERVICE_FAILED, "could not remove " + file + ": " + e.getMessage(),
          "Removing a boot service needs root: run it with sudo.", e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BridgeException(ErrorCode.SERVICE_FAILED, "cannot read " + file + ": " + e.getMessage(), "Check its permissions.", e);
    }
  }
}
