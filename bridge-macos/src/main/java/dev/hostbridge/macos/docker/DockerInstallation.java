package dev.hostbridge.macos.docker;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What was found about one Docker Desktop installation and the Mac it runs on; everything the
 * backend decision needs, gathered beforehand so the decision itself is plain logic.
 *
 * @param version CFBundleShortVersionString of the app's Info.plist
 * @param hyperkitBinary where the app keeps its hyperkit, when it has one
 * @param settings the settings file, when there is one and it could be read
 * @param settingsProblem why a settings file that exists could not be read
 */
public record DockerInstallation(
    Path app,
    boolean appExists,
    Optional<String> version,
    Optional<Path> hyperkitBinary,
    Optional<DockerSettings> settings,
    Optional<String> settingsProblem,
    boolean appleSilicon,
    String macosVersion) {

  /** Where Docker.app kept hyperkit over the years (1.12-17.03, 17.04-17.x, 18.03-4.x). */
  public static final List<String> HYPERKIT_PATHS = List.of(
      "Contents/MacOS/com.docker.hyperkit",
      "Contents/Resources/bin/hyperkit",
      "Contents/Resources/bin/com.docker.hyperkit");
}
