package dev.hostbridge.core.docker;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.api.ConfigSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the Docker engine, trying in order: {@code --docker-host}, {@code DOCKER_HOST}, the
 * Docker CLI's current context, {@code ~/.docker/run/docker.sock} (Docker Desktop), and
 * {@code /var/run/docker.sock}. A host named by flag or environment is the only one tried, as the
 * Docker CLI does: quietly talking to another engine than the one asked for would change the
 * wrong machine. When nothing answers, the error lists every attempt and why it failed.
 */
public final class DockerHostResolver {

  private static final org.slf4j.Logger LOG = dev.hostbridge.core.Logs.get(DockerHostResolver.class);

  /** One address tried, or one rule that gave no address, and what came of it. */
  public record Attempt(String rule, Optional<URI> address, String outcome) {
    @Override
    public String toString() {
      return rule + address.map(a -> " " + a).orElse("") + ": " + outcome;
    }
  }

  private final BridgeConfig config;
  private final Map<String, String> env;
  private final Path systemSocket;
  private final EndpointProbe probe;

  public DockerHostResolver(BridgeConfig config, Map<String, String> env, Path systemSocket, EndpointProbe probe) {
    this.config = config;
    this.env = env;
    this.systemSocket = systemSocket;
    this.probe = probe;
  }

  public DockerEndpoint resolve() {
    List<Attempt> attempts = new ArrayList<>();
    Optional<String> named = config.dockerHost();
    if (named.isPresent()) {
      String rule = switch (config.source(ConfigKey.DOCKER_HOST)) {
        case ENVIRONMENT -> "DOCKER_HOST";
        case FILE -> "DOCKER_HOST in the " + dev.hostbridge.api.ConfigSource.FILE_VARIABLE + " file";
        default -> "--docker-host";
      };
      Optional<DockerEndpoint> found = tryAddress(rule, named.get(), attempts);
      return found.orElseThrow(() -> unreachable(attempts));
    }
    DockerContextReader.Result context = new DockerContextReader(config.home(), env).read();
    if (context.host().isPresent()) {
      Optional<DockerEndpoint> found = tryAddress(context.explanation(), context.host().get(), attempts);
      if (found.isPresent()) {
        return found.get();
      }
    } else {
      attempts.add(new Attempt("docker context", Optional.empty(), context.explanation()));
    }
    for (Path socket : List.of(config.home().resolve(".docker/run/docker.sock"), systemSocket)) {
      Optional<DockerEndpoint> found = tryAddress("socket", "unix://" + socket, attempts);
      if (found.isPresent()) {
        return found.get();
      }
    }
    throw unreachable(attempts);
  }

  private Optional<DockerEndpoint> tryAddress(String rule, String address, List<Attempt> attempts) {
    URI uri;
    try {
      uri = new URI(address);
    } catch (URISyntaxException e) {
      attempts.add(new Attempt(rule, Optional.empty(), "'" + address + "' is not an address: " + e.getReason()));
      return Optional.empty();
    }
    if (!"unix".equals(uri.getScheme()) && !"tcp".equals(uri.getScheme())) {
      attempts.add(new Attempt(rule, Optional.of(uri), "host-bridge speaks only unix:// and tcp:// (no TLS, no ssh)"));
      return Optional.empty();
    }
    DockerEndpoint endpoint = new DockerEndpoint(uri, rule);
    Optional<String> problem = probe.problem(endpoint);
    if (problem.isEmpty()) {
      LOG.debug("Docker engine: {} answered (found by {})", uri, rule);
      return Optional.of(endpoint);
    }
    LOG.debug("Docker engine: {} (found by {}) did not answer: {}", uri, rule, problem.get());
    attempts.add(new Attempt(rule, Optional.of(uri), problem.get()));
    return Optional.empty();
  }

  private static BridgeException unreachable(List<Attempt> attempts) {
    StringBuilder text = new StringBuilder("no Docker engine answered; tried:");
    for (Attempt attempt : attempts) {
      text.append("\n  - ").append(attempt);
    }
    return new BridgeException(ErrorCode.DOCKER_UNREACHABLE, text.toString(),
        "Start Docker (Docker Desktop, or dockerd), or point host-bridge at it with --docker-host or DOCKER_HOST.");
  }
}
