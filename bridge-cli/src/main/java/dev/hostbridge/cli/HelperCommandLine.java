package dev.hostbridge.cli;

import dev.hostbridge.api.BridgeException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed command line that starts the root helper: this very jar, re-executed by sudo with the
 * same Java. Nothing in it comes from the user's input or environment, so sudo is asked for one
 * known program, and a sudoers rule can name it exactly.
 */
final class HelperCommandLine {

  static final String SUDO = "/usr/bin/sudo";

  private HelperCommandLine() {}

  /**
   * With a terminal sudo may ask for the password there; without one, {@code -n} makes it fail at
   * once instead of waiting for a password that nobody can type.
   */
  static List<String> argv(Path javaHome, Path jar, boolean terminal) {
    if (!javaHome.isAbsolute() || !jar.isAbsolute()) {
      throw new IllegalArgumentException("sudo is given absolute paths only: " + javaHome + ", " + jar);
    }
    List<String> argv = new ArrayList<>();
    argv.add(SUDO);
    if (!terminal) {
      argv.add("-n");
    }
    argv.addAll(List.of("--", javaHome.resolve("bin/java").toString(), "-cp", jar.toString(), ElevatedHelperMain.class.getName()));
    return List.copyOf(argv);
  }

  /** For the Java and the jar that run this process. */
  static List<String> ofThisProcess(boolean terminal) {
    return argv(Path.of(System.getProperty("java.home")), runningJar(), terminal);
  }

  /** The jar this class was loaded from. */
  static Path runningJar() {
    CodeSource source = HelperCommandLine.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      throw notFromAJar("a place the class loader does not tell");
    }
    try {
      return requireJar(Path.of(source.getLocation().toURI()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw notFromAJar(source.getLocation() + " (" + e.getMessage() + ")");
    }
  }

  /** Only the packaged jar holds the helper and everything it needs on one class path. */
  static Path requireJar(Path location) {
    Path absolute = location.toAbsolutePath().normalize();
    if (!Files.isRegularFile(absolute) || !absolute.getFileName().toString().endsWith(".jar")) {
      throw notFromAJar(absolute.toString());
    }
    return absolute;
  }

  private static BridgeException notFromAJar(String where) {
    return new BridgeException("helper.no-jar", BridgeException.Kind.PREREQUISITE,
        "the elevated helper is started from the packaged host-bridge jar, but this host-bridge runs from " + where,
        "Build the jar (mvn -B -DskipTests package) and run bin/host-bridge.");
  }
}
