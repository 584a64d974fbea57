package dev.hostbridge.macos.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Docker Desktop's settings file, read for its VM backend switches. Docker Desktop 4.35 renamed
 * {@code settings.json} to {@code settings-store.json} and its keys from camelCase to PascalCase
 * ({@code useVirtualizationFramework} became {@code UseVirtualizationFramework}); both are read,
 * the newer first, and keys are matched without regard to case. A value may also be wrapped as
 * {@code {"value": true}}, the admin-settings form.
 */
public final class DockerSettings {

  static final String GROUP_CONTAINER = "Library/Group Containers/group.com.docker";
  /** Newest first: Docker Desktop 4.35 and later, then 2.x to 4.34. */
  static final List<String> FILE_NAMES = List.of("settings-store.json", "settings.json");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Map<String, JsonNode> valuesByLowerCaseKey;

  private DockerSettings(Path file, Map<String, JsonNode> valuesByLowerCaseKey) {
    this.file = file;
    this.valuesByLowerCaseKey = valuesByLowerCaseKey;
  }

  /** The settings file that exists under {@code home}, if any. */
  public static Optional<Path> locate(Path home) {
    Path container = home.resolve(GROUP_CONTAINER);
    return FILE_NAMES.stream().map(container::resolve).filter(Files::isRegularFile).findFirst();
  }

  /** Reads a settings file; an IOException when it is unreadable or not a JSON object. */
  public static DockerSettings read(Path file) throws IOException {
    JsonNode root = JSON.readTree(SmallFiles.read(file));
    if (root == null || !root.isObject()) {
      throw new IOException(file + " is not a JSON object");
    }
    Map<String, JsonNode> values = new java.util.HashMap<>();
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      values.putIfAbsent(field.getKey().toLowerCase(Locale.ROOT), field.getValue());
    }
    return new DockerSettings(file, values);
  }

  public Path file() {
    return file;
  }

  /** A boolean switch, e.g. {@code UseVirtualizationFramework}; empty when absent or not a boolean. */
  public Optional<Boolean> flag(String key) {
    JsonNode value = valuesByLowerCaseKey.get(key.toLowerCase(Locale.ROOT));
    if (value != null && value.isObject() && value.has("value")) {
      value = value.get("value");
    }
    if (value == null) {
      return Optional.empty();
    }
    if (value.isBoolean()) {
      return Optional.of(value.booleanValue());
    }
    if (value.isTextual() && (value.textValue().equalsIgnoreCase("true") || value.textValue().equalsIgnoreCase("false"))) {
      return Optional.of(Boolean.parseBoolean(value.textValue()));
    }
    return Optional.empty();
  }
}
