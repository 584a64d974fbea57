package dev.hostbridge.cli;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.HostPlatformProvider;
import dev.hostbridge.api.StepProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Where the command finds plugin jars: the entries of {@code HOST_BRIDGE_PLUGIN_PATH} (jars, or
 * directories of jars, separated by ':'), then the {@code plugins} directory in the state
 * directory. {@code bin/host-bridge} runs {@code java -jar}, which ignores any class path given to
 * it, so this is how plugins reach the command.
 */
final class PluginPath {

  static final String VARIABLE = "HOST_BRIDGE_PLUGIN_PATH";
  static final String DIRECTORY = "plugins";

  private final List<Path> jars;

  private PluginPath(List<Path> jars) {
    this.jars = List.copyOf(jars);
  }

  /** Every jar, in order; an entry that is neither a jar nor a directory is refused, naming the variable. */
  static PluginPath of(Map<String, String> environment, Path stateDir) {
    List<Path> jars = new ArrayList<>();
    String path = environment.getOrDefault(VARIABLE, "");
    for (String entry : path.split(":", -1)) {
      if (entry.isEmpty()) {
        continue;
      }
      Path place = Path.of(entry);
      if (Files.isDirectory(place)) {
        jars.addAll(jarsIn(place));
      } else if (Files.isRegularFile(place) && entry.endsWith(".jar")) {
        jars.add(place.toAbsolutePath());
      } else {
        throw new BridgeException(ErrorCode.PLUGIN_PATH, VARIABLE + " (environment) names '" + entry + "', which is " + (Files.exists(place) ? "not a .jar file" : "not there"),
            "Give " + VARIABLE + " jar files or directories of jars, separated by ':'.");
      }
    }
    Path beside = stateDir.resolve(DIRECTORY);
    if (Files.isDirectory(beside)) {
      jars.addAll(jarsIn(beside));
    }
    return new PluginPath(jars);
  }

  private static List<Path> jarsIn(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
          .map(Path::toAbsolutePath).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Path> jars() {
    return jars;
  }

  /** A loader for the plugins, over {@code parent} (which has host-bridge itself); {@code parent} when there are none. */
  ClassLoader loader(ClassLoader parent) {
    if (jars.isEmpty()) {
      return parent;
    }
    URL[] urls = jars.stream().map(PluginPath::url).toArray(URL[]::new);
    return new URLClassLoader("host-bridge plugins", urls, parent);
  }

  /** What the plugins provide, for the doctor: "jar: StepProvider name, HostPlatformProvider name". */
  List<String> describe(ClassLoader loader) {
    List<String> lines = new ArrayList<>();
    if (jars.isEmpty()) {
      return lines; // the loader is host-bridge's own: what it finds is built in, not a plugin
    }
    for (Path jar : jars) {
      lines.add(jar.toString());
    }
    ServiceLoader.load(StepProvider.class, loader).stream()
        .filter(p -> p.type().getClassLoader() == loader)
        .forEach(p -> lines.add("steps from " + p.get().name() + " (" + p.type().getName() + ")"));
    ServiceLoader.load(HostPlatformProvider.class, loader).stream()
        .filter(p -> p.type().getClassLoader() == loader)
        .forEach(p -> lines.add("platform " + p.get().name() + " (" + p.type().getName() + ")"));
    return lines;
  }

  private static URL url(Path jar) {
    try {
      return jar.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(jar.toString(), e);
    }
  }
}
