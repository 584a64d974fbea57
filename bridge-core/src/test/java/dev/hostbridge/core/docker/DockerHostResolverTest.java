package dev.hostbridge.core.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.core.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerHostResolverTest {

  @TempDir Path home;
  final List<String> probed = new ArrayList<>();

  /** Answers only at the given addresses; records every address asked. */
  EndpointProbe answeringAt(String... addresses) {
    Set<String> up = Set.of(addresses);
    return endpoint -> {
      probed.add(endpoint.uri().toString());
      return up.contains(endpoint.uri().toString()) ? Optional.empty() : Optional.of("connection refused");
    };
  }

  DockerHostResolver resolver(BridgeConfig config, Map<String, String> env, EndpointProbe probe) {
    return new DockerHostResolver(config, env, Path.of("/var/run/docker.sock"), probe);
  }

  Settings.Builder config() {
    return Settings.builder().osName("Linux").home(home);
  }

  void writeContext(String name, String host) throws Exception {
    Files.createDirectories(home.resolve(".docker"));
    Files.writeString(home.resolve(".docker/config.json"), "{\"auths\":{},\"currentContext\":\"" + name + "\"}");
    Path meta = home.resolve(".docker/contexts/meta/" + DockerContextReader.sha256(name));
    Files.createDirectories(meta);
    Files.writeString(meta.resolve("meta.json"),
        "{\"Name\":\"" + name + "\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\"" + host + "\",\"SkipTLSVerify\":false}}}");
  }

  @Test
  void theContextComesBeforeTheUsualSockets() throws Exception {
    writeContext("desktop-linux", "unix:///ctx/docker.sock");
    DockerEndpoint endpoint = resolver(config().build(), Map.of(), answeringAt("unix:///ctx/docker.sock", "unix:///var/run/docker.sock")).resolve();
    assertEquals("unix:///ctx/docker.sock", endpoint.uri().toString());
    assertTrue(endpoint.foundBy().contains("desktop-linux"), endpoint.foundBy());
  }

  @Test
  void fallsBackToDesktopSocketThenSystemSocket() {
    String desktop = "unix://" + home.resolve(".docker/run/docker.sock");
    DockerEndpoint endpoint = resolver(config().build(), Map.of(), answeringAt("unix:///var/run/docker.sock")).resolve();
    assertEquals("unix:///var/run/docker.sock", endpoint.uri().toString());
    assertEquals(List.of(desktop, "unix:///var/run/docker.sock"), probed);
  }

  @Test
  void dockerHostIsTheOnlyAddressTriedWhenSet() {
    BridgeConfig config = config().environment(Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375")).build();
    BridgeException e = assertThrows(BridgeException.class,
        () -> resolver(config, Map.of(), answeringAt("unix:///var/run/docker.sock")).resolve());
    assertEquals(List.of("tcp://127.0.0.1:2375"), probed);
    assertEquals(BridgeException.Kind.DOCKER, e.kind());
    assertTrue(e.getMessage().contains("DOCKER_HOST tcp://127.0.0.1:2375: connection refused"), e.getMessage());
  }

  @Test
  void theFlagIsNamedAsSuch() {
    BridgeConfig config = config().set(ConfigKey.DOCKER_HOST, "unix:///run/x.sock").build();
    DockerEndpoint endpoint = resolver(config, Map.of(), answeringAt("unix:///run/x.sock")).resolve();
    assertEquals("--docker-host", endpoint.foundBy());
  }

  @Test
  void dockerContextVariableWinsOverTheConfigFile() throws Exception {
    writeContext("other", "unix:///other.sock");
    Path meta = home.resolve(".docker/contexts/meta/" + DockerContextReader.sha256("chosen"));
    Files.createDirectories(meta);
    Files.writeString(meta.resolve("meta.json"), "{\"Endpoints\":{\"docker\":{\"Host\":\"unix:///chosen.sock\"}}}");
    DockerEndpoint endpoint = resolver(config().build(), Map.of("DOCKER_CONTEXT", "chosen"), answeringAt("unix:///chosen.sock")).resolve();
    assertEquals("unix:///chosen.sock", endpoint.uri().toString());
  }

  @Test
  void whenNothingAnswersEveryAttemptIsListed() throws Exception {
    writeContext("broken", "ssh://me@far");
    BridgeException e = assertThrows(BridgeException.class, () -> resolver(config().build(), Map.of(), answeringAt()).resolve());
    assertEquals("docker.unreachable", e.code());
    String message = e.getMessage();
    assertTrue(message.contains("context 'broken'") && message.contains("only unix:// and tcp://"), message);
    assertTrue(message.contains(home.resolve(".docker/run/docker.sock") + ": connection refused"), message);
    assertTrue(message.contains("unix:///var/run/docker.sock: connection refused"), message);
    assertTrue(e.remedy().contains("--docker-host"), e.remedy());
  }

  @Test
  void aMissingContextMetaIsExplained() throws Exception {
    Files.createDirectories(home.resolve(".docker"));
    Files.writeString(home.resolve(".docker/config.json"), "{\"currentContext\":\"gone\"}");
    BridgeException e = assertThrows(BridgeException.class, () -> resolver(config().build(), Map.of(), answeringAt()).resolve());
    assertTrue(e.getMessage().contains("context 'gone' has no"), e.getMessage());
  }
}
