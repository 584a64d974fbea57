package dev.hostbridge.core.steps.shim;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.HostPlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the VM launcher: {@code --launcher}, else the known places inside Docker.app
 * ({@code --docker-app}, else where the platform says Docker.app usually is).
 */
public final class LauncherLocator {

  /** Where hyperkit lived inside Docker.app, newest layout first. */
  public static final List<String> INSIDE_APP = List.of(
      "Contents/Resources/bin/com.docker.hyperkit", // 18.03 to 4.x
      "Contents/Resources/bin/hyperkit", // 17.04 to 17.x
      "Contents/MacOS/com.docker.hyperkit"); // 1.12 to 17.03

  /** The launcher and the app it belongs to (if any), or every place looked at. */
  public record Located(Optional<Path> launcher, Optional<Path> dockerApp, List<String> looked) {}

  private LauncherLocator() {}

  public static Located locate(BridgeConfig config, HostPlatform platform) {
    if (config.launcher().isPresent()) {
      return new Located(config.launcher(), config.dockerApp(), List.of(config.launcher().get() + " (--launcher)"));
    }
    List<Path> apps = config.dockerApp().map(List::of).orElseGet(() -> platform.dockerVm().dockerAppCandidates());
    List<String> looked = new ArrayList<>();
    for (Path app : apps) {
      for (String inside : INSIDE_APP) {
        Path candidate = app.resolve(inside);
        looked.add(candidate.toString());
        // A shim of ours counts as the launcher too; the renamed original sits beside it.
        if (Files.isRegularFile(candidate) || Files.isRegularFile(real(candidate))) {
          return new Located(Optional.of(candidate), Optional.of(app), looked);
        }
      }
    }
    return new Located(Optional.empty(), apps.isEmpty() ? Optional.empty() : Optional.of(apps.get(0)), looked);
  }

  /** Where the renamed original lives. */
  public static Path real(Path launcher) {
    return launcher.resolveSibling(launcher.getFileName() + ".real");
  }
}
