package dev.hostbridge.core.steps;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.StepIds;
import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.Step;
import dev.hostbridge.api.StepContext;
import dev.hostbridge.api.StepStatus;
import dev.hostbridge.core.engine.AtomicFiles;
import dev.hostbridge.core.steps.shim.LauncherFile;
import dev.hostbridge.core.steps.shim.LauncherKind;
import dev.hostbridge.core.steps.shim.LauncherLocator;
import dev.hostbridge.core.steps.shim.ShellQuote;
import dev.hostbridge.core.steps.shim.ShimScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Step 3: the VM launcher is our shim, with Docker's original renamed to {@code <name>.real}
 * beside it. The original is only ever renamed, never copied over or deleted; its SHA-256 is
 * journaled and checked when it is put back.
 */
public final class LauncherShim implements Step {

  private final VmRestarter restarter;

  public LauncherShim(VmRestarter restarter) {
    this.restarter = restarter;
  }

  @Override
  public String id() {
    return StepIds.LAUNCHER_SHIM;
  }

  @Override
  public String description() {
    return "the VM launcher adds the tap device to the VM";
  }

  @Override
  public Set<String> dependsOn() {
    return Set.of(StepIds.TAP_OWNERSHIP);
  }

  @Override
  public StepStatus check(StepContext context) {
    LauncherLocator.Located located = LauncherLocator.locate(context.config(), context.platform());
    if (located.dockerApp().isPresent()) {
      Optional<String> unsupported = context.platform().dockerVm().unsupportedBackend(located.dockerApp().get());
      if (unsupported.isPresent()) {
        return StepStatus.blocked(unsupported.get(),
            "The tap approach needs Docker Desktop's HyperKit backend (Intel Macs only). Choose HyperKit in Docker Desktop's "
                + "settings if your version still offers it; otherwise host-bridge cannot work with this Docker installation.");
      }
    }
    if (located.launcher().isEmpty()) {
      return StepStatus.blocked(located.looked().isEmpty()
              ? "no VM launcher found: there is no Docker.app to look in on this platform"
              : "no VM launcher found; looked at " + String.join(", ", located.looked()),
          "Point host-bridge at it with --launcher PATH or at Docker.app with --docker-app PATH.");
    }
    Path launcher = located.launcher().get();
    Optional<StepStatus> unsafe = unsafe(launcher, located.dockerApp());
    if (unsafe.isPresent()) {
      return unsafe.get();
    }
    Optional<String> installed = context.recorded("launcher");
    if (installed.isPresent() && !Path.of(installed.get()).equals(launcher)) {
      return StepStatus.conflict(ErrorCode.JOURNAL_OTHER_INSTALLATION, "host-bridge shimmed " + installed.get() + " before, not " + launcher,
          "Run host-bridge uninstall with the settings of that install first (--launcher or --docker-app), then install again.");
    }
    Path real = LauncherLocator.real(launcher);
    LauncherFile.Classification found = LauncherFile.classify(launcher);
    return switch (found.kind()) {
      case OURS -> {
        if (LauncherFile.classify(real).kind() != LauncherKind.ORIGINAL) {
          yield StepStatus.blocked(launcher + " is host-bridge's shim but the original launcher " + real + " is missing",
              "Reinstall Docker Desktop to get the launcher back, then run host-bridge install again.");
        }
        ShimScript.Identity wanted = new ShimScript.Identity(ShimScript.VERSION, context.config().device(), TapMac.of(context.config()));
        yield found.identity().orElseThrow().equals(wanted)
            ? StepStatus.satisfied("the shim is in place; the original is " + real)
            : StepStatus.pending("the shim at " + launcher + " is for " + describe(found.identity().get()) + "; it will be rewritten for "
                + describe(wanted));
      }
      case ORIGINAL -> Files.exists(real)
          ? StepStatus.pending(launcher + " is a new launcher (Docker was updated?) and an older one is at " + real
              + "; that one will be kept as " + real.getFileName() + ".replaced-<checksum> and the shim installed again")
          : StepStatus.pending("will rename " + launcher + " to " + real.getFileName() + " and put the shim in its place");
      case SEED_SHIM -> StepStatus.blocked(launcher + " is the shim of the docker-for-mac-host-bridge script; its original is " + real,
          "Put the original back first: mv " + ShellQuote.quote(real) + " " + ShellQuote.quote(launcher) + ", then run host-bridge install again.");
      case TUNTAP_OSX_SHIM -> StepStatus.blocked(launcher + " is docker-tuntap-osx's shim; its original is "
              + launcher.resolveSibling(launcher.getFileName() + ".original"),
          "Uninstall it first (docker-tuntap-osx's 'shim uninstall'), then run host-bridge install again.");
      case UNKNOWN_SCRIPT -> StepStatus.blocked(launcher + " is a script that host-bridge did not write; it will not touch it",
          "Restore Docker's original launcher (reinstall Docker Desktop) or remove the other tool's shim, then run install again.");
      case UNKNOWN -> StepStatus.blocked(launcher + " is not an executable that host-bridge recognises",
          "Check that --launcher or --docker-app points at Docker's VM launcher (hyperkit).");
      case MISSING -> interruptedHere(context, launcher, real)
          ? StepStatus.pending("an earlier install stopped between renaming " + launcher + " to " + real.getFileName()
              + " and writing the shim; the shim will be written")
          : Files.exists(real)
          ? StepStatus.blocked("the original launcher " + real + " is there but " + launcher + " is missing",
              "Put it back: mv " + ShellQuote.quote(real) + " " + ShellQuote.quote(launcher) + ", then run host-bridge install again.")
          : StepStatus.blocked("there is no launcher at " + launcher,
              "Check --launcher (or --docker-app): it must name Docker's VM launcher (hyperkit).");
    };
  }

  private static String describe(ShimScript.Identity identity) {
    return "device " + identity.device() + ", MAC " + identity.mac() + " (shim v" + identity.version() + ")";
  }

  @Override
  public void apply(StepContext context) {
    BridgeConfig config = context.config();
    Path launcher = LauncherLocator.locate(config, context.platform()).launcher().orElseThrow();
    Path real = LauncherLocator.real(launcher);
    byte[] shim = ShimScript.render(config.device(), TapMac.of(config)).getBytes(StandardCharsets.UTF_8);
    context.record("launcher", launcher.toString());
    LauncherKind kind = LauncherFile.classify(launcher).kind();
    try {
      if (kind == LauncherKind.MISSING && interruptedHere(context, launcher, real)) {
        // The original is already renamed (an install was killed right after): finish the job.
        AtomicFiles.write(launcher, shim, PosixFilePermissions.fromString("rwxr-xr-x"));
        AtomicFiles.syncDirectory(launcher.getParent());
        return;
      }
      if (kind == LauncherKind.OURS) {
        if (context.recorded("original-sha256").isEmpty()) {
          context.record("original-sha256", LauncherFile.sha256(real));
        }
        AtomicFiles.write(launcher, shim, PosixFilePermissions.fromString("rwxr-xr-x"));
        return;
      }
      if (kind != LauncherKind.ORIGINAL) {
        throw new BridgeException(ErrorCode.LAUNCHER_CHANGED, launcher + " changed since it was checked (" + kind + ")", "Run host-bridge plan to see what is there now.");
      }
      Path kept = null;
      if (Files.exists(real)) {
        kept = real.resolveSibling(real.getFileName() + ".replaced-" + LauncherFile.sha256(real).substring(0, 12));
        context.record("replaced-original", kept.toString());
        Files.move(real, kept, StandardCopyOption.ATOMIC_MOVE);
        context.progress("kept the older launcher as " + kept);
      }
      context.record("original-sha256", LauncherFile.sha256(launcher));
      try {
        Files.move(launcher, real, StandardCopyOption.ATOMIC_MOVE);
        dev.hostbridge.core.engine.TestPoint.at("launcher-shim:after-rename");
        try {
          AtomicFiles.write(launcher, shim, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException | RuntimeException e) {
          undoRename(real, launcher, e);
          throw e;
        }
      } catch (IOException | RuntimeException e) {
        if (kept != null) {
          undoRename(kept, real, e); // apply leaves nothing behind: the older launcher goes back too
        }
        throw e;
      }
      AtomicFiles.syncDirectory(launcher.getParent());
    } catch (IOException e) {
      throw new BridgeException(ErrorCode.LAUNCHER_WRITE_FAILED, "cannot install the shim at " + launcher + ": " + e.getMessage(),
          "Check that you may write to " + launcher.getParent() + " (Docker.app must belong to you).", e);
    }
  }

  /** Renames back after a failure; a failure of that too is kept with the first. */
  private static void undoRename(Path from, Path to, Exception failure) {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  @Override
  public void revert(StepContext context) {
    Optional<Path> recorded = Recorded.launcher(context, "launcher");
    if (recorded.isEmpty()) {
      return;
    }
    Path launcher = recorded.get();
    Path real = LauncherLocator.real(launcher);
    LauncherKind kind = LauncherFile.classify(launcher).kind();
    if (kind != LauncherKind.OURS && kind != LauncherKind.MISSING) {
      context.progress(launcher + " is no longer our shim (Docker was updated?); it is left as it is"
          + (Files.exists(real) ? " and the older launcher stays at " + real : ""));
      return;
    }
    if (!Files.exists(real)) {
      throw new BridgeException(ErrorCode.LAUNCHER_ORIGINAL_MISSING, "the original launcher " + real + " is gone, so the shim at " + launcher + " cannot be undone",
          "Reinstall Docker Desktop to get a launcher back.");
    }
    String expected = context.recorded("original-sha256").orElse("");
    String actual = LauncherFile.sha256(real);
    if (!expected.isEmpty() && !expected.equals(actual)) {
      throw new BridgeException(ErrorCode.LAUNCHER_CHECKSUM_MISMATCH, real + " is not the file host-bridge renamed (SHA-256 " + actual + ", journaled " + expected + ")",
          "Check what changed it; to restore it anyway: mv " + ShellQuote.quote(real) + " " + ShellQuote.quote(launcher) + ".");
    }
    try {
      Files.move(real, launcher, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      AtomicFiles.syncDirectory(launcher.getParent());
    } catch (IOException e) {
      throw new BridgeException(ErrorCode.LAUNCHER_RESTORE_FAILED, "cannot put " + real + " back at " + launcher + ": " + e.getMessage(),
          "Do it by hand: mv " + ShellQuote.quote(real) + " " + ShellQuote.quote(launcher) + ".", e);
    }
    context.recorded("replaced-original").ifPresent(kept -> context.progress("an older launcher stays at " + kept));
    try {
      restarter.restartIfRunning(context.platform(), context::progress);
    } catch (BridgeException e) {
      // The launcher is back, which is what this step undoes; the restart is a courtesy.
      context.progress("the original launcher is back, but restarting Docker failed (" + e.getMessage()
          + "); restart Docker yourself so that the VM runs without the tap device");
    }
  }

  /**
   * A launcher host-bridge would rename and write next to must be a real file in a directory only
   * its owner can write: through a symbolic link the rename would act elsewhere, and a shim in a
   * directory anyone can write could be replaced by anyone, and is then run by the user's VM.
   */
  static Optional<StepStatus> unsafe(Path launcher, Optional<Path> dockerApp) {
    for (Path path : dockerApp.isPresent() ? List.of(dockerApp.get(), launcher) : List.of(launcher)) {
      if (Files.isSymbolicLink(path)) {
        return Optional.of(StepStatus.conflict(ErrorCode.LAUNCHER_UNSAFE, path + " is a symbolic link; host-bridge renames "
            + "and writes only the real file", "Point host-bridge at the file itself: --launcher \"$(realpath " + path + ")\"."));
      }
    }
    Path directory = launcher.toAbsolutePath().getParent();
    try {
      if (directory != null && Files.getPosixFilePermissions(directory).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE)) {
        return Optional.of(StepStatus.conflict(ErrorCode.LAUNCHER_UNSAFE, directory + " can be written by any user, so a "
            + "shim there could be replaced by anyone", "Make it writable by its owner only (chmod o-w " + directory + ")."));
      }
    } catch (java.io.IOException | UnsupportedOperationException e) {
      // A file system without POSIX permissions: nothing to say about them.
    }
    return Optional.empty();
  }

  /**
   * Whether the launcher is missing because an install of ours stopped right after renaming it:
   * the journal says this step began on this launcher, and the renamed file is the original it
   * recorded, checksum and all.
   */
  private static boolean interruptedHere(StepContext context, Path launcher, Path real) {
    Optional<String> recordedLauncher = context.recorded("launcher");
    Optional<String> recordedSha = context.recorded("original-sha256");
    return recordedLauncher.isPresent() && Path.of(recordedLauncher.get()).equals(launcher) && recordedSha.isPresent()
        && Files.isRegularFile(real) && LauncherFile.classify(real).kind() == LauncherKind.ORIGINAL
        && recordedSha.get().equals(LauncherFile.sha256(real));
  }
}
