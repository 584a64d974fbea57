package dev.hostbridge.core.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the Docker CLI's current context: {@code DOCKER_CONTEXT}, else {@code currentContext} in
 * {@code config.json}; its endpoint is {@code Endpoints.docker.Host} in
 * {@code contexts/meta/<sha256 of the name>/meta.json}, under {@code DOCKER_CONFIG} or {@code ~/.docker}.
 */
public final class DockerContextReader {

  /** The context's name and its endpoint, or why there is none. */
  public record Result(Optional<String> contextName, Optional<String> host, String explanation) {}

  private final Path configDir;
  private final Map<String, String> env;

  public DockerContextReader(Path home, Map<String, String> env) {
    String dockerConfig = env.get("DOCKER_CONFIG");
    this.configDir = dockerConfig != null && !dockerConfig.isEmpty() ? Path.of(dockerConfig) : home.resolve(".docker");
    this.env = env;
  }

  public Result read() {
    String name = env.get("DOCKER_CONTEXT");
    String origin = "DOCKER_CONTEXT";
    ObjectMapper json = new ObjectMapper();
    if (name == null || name.isEmpty()) {
      Path config = configDir.resolve("config.json");
      try {
        JsonNode current = json.readTree(Files.readString(config, StandardCharsets.UTF_8)).path("currentContext");
        name = current.isTextual() ? current.asText() : null;
        origin = config.toString();
      } catch (NoSuchFileException e) {
        return new Result(Optional.empty(), Optional.empty(), "no " + config);
      } catch (IOException e) {
        return new Result(Optional.empty(), Optional.empty(), "cannot read " + config + ": " + e.getMessage());
      }
    }
    if (name == null || name.isEmpty() || name.equals("default")) {
      return new Result(Optional.empty(), Optional.empty(), "the current context is the default one");
    }
    Path meta = configDir.resolve("contexts").resolve("meta").resolve(sha256(name)).resolve("meta.json");
    try {
      JsonNode host = json.readTree(Files.readString(meta, StandardCharsets.UTF_8)).path("Endpoints").path("docker").path("Host");
      if (!host.isTextual() || host.asText().isEmpty()) {
        return new Result(Optional.of(name), Optional.empty(), "context '" + name + "' names no Docker host in " + meta);
      }
      return new Result(Optional.of(name), Optional.of(host.asText()), "context '" + name + "' (from " + origin + ")");
    } catch (NoSuchFileException e) {
      return new Result(Optional.of(name), Optional.empty(), "context '" + name + "' has no " + meta);
    } catch (IOException e) {
      return new Result(Optional.of(name), Optional.empty(), "cannot read " + meta + ": " + e.getMessage());
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
