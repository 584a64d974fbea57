package dev.hostbridge.macos.privileged;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.BridgeException;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The fixed command line that starts the root helper: the same Java, re-executed by sudo, with
 * a class path of exactly the jars the helper's classes come from (one jar for the packaged
 * command; host-bridge's and JNA's jars for a program that embeds it). Nothing in it comes from
 * the user's input or environment, so sudo is asked for one known program.
 */
final class HelperCommandLine {

  static final String SUDO = "/usr/bin/sudo";

  /** One class from each jar the helper needs: bridge-macos, bridge-api, bridge-core, JNA, jna-platform, slf4j-api. */
  private static final List<String> NEEDED = List.of(
      "dev.hostbridge.macos.privileged.HelperMain",
      "dev.hostbridge.api.BridgeConfig",
      "dev.hostbridge.core.platform.CommandRunner",
      "com.sun.jna.Native",
      "com.sun.jna.platform.unix.LibC",
      "org.slf4j.Logger");

  private HelperCommandLine() {}

  /**
   * With a terminal sudo may ask for the password there; without one, {@code -n} makes it fail at
   * once instead of waiting for a password that nobody can type.
   */
  static List<String> argv(Path javaHome, List<Path> classPath, boolean terminal) {
    if (!javaHome.isAbsolute() || classPath.isEmpty() || !classPath.stream().allMatch(Path::isAbsolute)) {
      throw new IllegalArgumentException("sudo is given absolute paths only: " + javaHome + ", " + classPath);
    }
    List<String> argv = new ArrayList<>();
    argv.add(SUDO);
    if (!terminal) {
      argv.add("-n");
    }
    String joined = classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    argv.addAll(List.of("--", javaHome.resolve("bin/java").toString(), "-cp", joined, HelperMain.class.getName()));
    return List.copyOf(argv);
  }

  /** For the Java that runs this process and the jars its helper classes were loaded from. */
  static List<String> ofThisProcess(boolean terminal) {
    return argv(Path.of(System.getProperty("java.home")), classPath(), terminal);
  }

  /** The jars (or class directories, in a build) holding the helper's classes, each once, in order. */
  static List<Path> classPath() {
    Set<Path> places = new LinkedHashSet<>();
    for (String name : NEEDED) {
      places.add(location(name));
    }
    return List.copyOf(places);
  }

  private static Path location(String className) {
    CodeSource source;
    try {
      source = Class.forName(className, false, HelperCommandLine.class.getClassLoader()).getProtectionDomain().getCodeSource();
    } catch (ClassNotFoundException e) {
      throw notFound(className, "it is not on the class path");
    }
    if (source == null || source.getLocation() == null) {
      throw notFound(className, "its class loader does not say where it came from");
    }
    try {
      Path place = Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
      if (!Files.exists(place)) {
        throw notFound(className, place + " does not exist");
      }
      return place;
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw notFound(className, source.getLocation() + " is not a file (" + e.getMessage() + ")");
    }
  }

  private static BridgeException notFound(String className, String why) {
    return new BridgeException(ErrorCode.HELPER_NO_CLASS_PATH, "the elevated helper needs " + className + " from a jar or directory that sudo can start Java with, but " + why,
        "Run host-bridge from its jar (bin/host-bridge), or embed it with its jars on the class path.");
  }
}
