package dev.hostbridge.core;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.api.ConfigSource;
import dev.hostbridge.api.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The settings file {@code HOST_BRIDGE_CONFIG} names: one {@code NAME=value} per line, with the
 * names of the environment variables ({@code HOST_BRIDGE_STRATEGY=tunnel}); blank lines and lines
 * starting with {@code #} are skipped. It is the layer between the defaults and the environment,
 * for a boot service (a Homebrew service has no command line of the user's). The file is checked
 * whole before any value is used: an absolute path to a regular file of at most 64 KiB that no one
 * but its owner can write (a root service reads it), names it knows, each once, values without
 * quotes; any fault names the file, the line and the fix.
 */
public final class ConfigFile {

  /** The environment variable that names the file. */
  public static final String VARIABLE = ConfigSource.FILE_VARIABLE;
  static final long MAX_BYTES = 64 * 1024;
  private static final Pattern LINE = Pattern.compile("([A-Z][A-Z0-9_]*)\\s*=\\s*(.*)");

  private ConfigFile() {}

  /**
   * The settings in {@code file}, by key; an empty value is left out (unset), as in the environment.
   *
   * @param file the file's absolute path, as {@code HOST_BRIDGE_CONFIG} gives it
   * @return the values by key, as written (not yet checked as settings)
   * @throws BridgeException ({@link ErrorCode#CONFIG_FILE}) when the file or one of its lines is
   *     refused; the message names the file and the line, the remedy the fix
   */
  public static Map<ConfigKey, String> read(String file) {
    Path path = checkedPath(file);
    List<String> lines;
    try {
      byte[] bytes = Files.readAllBytes(path);
      lines = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString().lines().toList();
    } catch (CharacterCodingException e) {
      throw fault(path + " is not UTF-8 text", "Save it as UTF-8 text.");
    } catch (IOException e) {
      throw fault(path + " cannot be read: " + e.getMessage(), "Make it readable, or point " + VARIABLE + " at another file.");
    }
    Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
    Set<ConfigKey> seen = java.util.EnumSet.noneOf(ConfigKey.class);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      String where = path + " line " + (i + 1);
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        throw fault(where + " is not NAME=value", "Write one setting per line, e.g. HOST_BRIDGE_STRATEGY=tunnel; start a comment with #.");
      }
      ConfigKey key = byVariable(m.group(1)).orElseThrow(() -> fault(where + ": " + m.group(1) + " is not a setting host-bridge reads",
          "Use one of: " + known() + "."));
      if (!seen.add(key)) {
        throw fault(where + ": " + m.group(1) + " is set a second time", "Keep one line for it.");
      }
      String value = m.group(2).strip();
      if (value.startsWith("\"") || value.startsWith("'")) {
        throw fault(where + ": the value of " + m.group(1) + " is quoted", "Write the value without quotes: everything after '=' is the value.");
      }
      if (!value.isEmpty()) {
        values.put(key, value);
      }
    }
    return values;
  }

  private static Path checkedPath(String file) {
    Path path;
    try {
      path = Path.of(file);
    } catch (java.nio.file.InvalidPathException e) {
      throw fault(VARIABLE + " (environment): '" + file + "' is not a path", "Give the settings file's absolute path.");
    }
    if (!path.isAbsolute() || !path.normalize().equals(path)) {
      throw fault(VARIABLE + " (environment): '" + file + "' is not an absolute, clean path", "Give the settings file's absolute path, e.g. /opt/homebrew/etc/host-bridge/host-bridge.conf.");
    }
    if (!Files.isRegularFile(path)) {
      throw fault(VARIABLE + " (environment): " + path + " is not a file", "Create it, or unset " + VARIABLE + ".");
    }
    try {
      if (Files.size(path) > MAX_BYTES) {
        throw fault(path + " is larger than 64 KiB: not a settings file", "Point " + VARIABLE + " at host-bridge's settings file.");
      }
      // The file that is read: through a symbolic link (a dotfiles setup), the link's target.
      Path real = path.toRealPath();
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(real);
      if (permissions.contains(PosixFilePermission.GROUP_WRITE) || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
        throw fault(path + (real.equals(path) ? "" : " (" + real + ")") + " can be written by others than its owner, and its settings"
            + " may reach a service that runs as root", "Run: chmod go-w '" + real + "'");
      }
    } catch (UnsupportedOperationException e) {
      // no POSIX permissions on this file system: nothing more to check
    } catch (IOException e) {
      throw fault(path + " cannot be read: " + e.getMessage(), "Make it readable, or point " + VARIABLE + " at another file.");
    }
    return path;
  }

  private static java.util.Optional<ConfigKey> byVariable(String name) {
    return Arrays.stream(ConfigKey.values()).filter(key -> key.environmentVariable().map(name::equals).orElse(false)).findFirst();
  }

  private static String known() {
    return Arrays.stream(ConfigKey.values()).flatMap(key -> key.environmentVariable().stream()).collect(Collectors.joining(", "));
  }

  private static BridgeException fault(String message, String remedy) {
    return new BridgeException(ErrorCode.CONFIG_FILE, message, remedy);
  }
}
