package dev.hostbridge.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ConfigKey;
import dev.hostbridge.core.docker.DockerEngine;
import dev.hostbridge.core.internal.Seams;
import dev.hostbridge.testkit.FakePlatform;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the bridge closes: the Docker client it started, and what the embedder handed it to close. */
class HostBridgeCloseTest {

  @TempDir Path state;
  final List<String> closed = new ArrayList<>();

  HostBridge.Builder builder() {
    BridgeConfig config = Settings.builder().osName("Linux").home(state).invokingUser("ada").environment(Map.of())
        .set(ConfigKey.STATE_DIR, state.toString()).build();
    return HostBridge.builder(config).platform(new FakePlatform()).withoutBuiltInSteps().discoverPlugins(false);
  }

  @Test
  void closesWhatItWasGivenNewestFirst() {
    HostBridge bridge = builder().closeWith(() -> closed.add("first")).closeWith(() -> closed.add("second")).build();
    bridge.plan();
    assertEquals(List.of(), closed, "nothing is closed while the bridge is in use");
    bridge.close();
    assertEquals(List.of("second", "first"), closed);
  }

  @Test
  void oneFailureDoesNotKeepTheOthersOpen() {
    IOException broken = new IOException("pipe broken");
    HostBridge bridge = builder()
        .closeWith(() -> closed.add("first"))
        .closeWith(() -> {
          throw broken;
        })
        .build();
    BridgeException e = assertThrows(BridgeException.class, bridge::close);
    assertSame(broken, e.getCause());
    assertEquals(List.of("first"), closed);
  }

  @Test
  void theDockerClientThatWasStartedIsClosedFirst() {
    // Only close() matters here; a proxy answers it without a fake of every Docker operation.
    DockerEngine engine = (DockerEngine) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DockerEngine.class},
        (proxy, method, args) -> {
          if (method.getName().equals("close")) {
            closed.add("docker");
          }
          return null;
        });
    HostBridge bridge = Seams.builtInSteps(Seams.dockerEngine(builder(), () -> engine), (config, docker) -> {
          docker.get();
          return List.of();
        })
        .closeWith(() -> closed.add("helper"))
        .build();
    bridge.steps();
    bridge.close();
    assertEquals(List.of("docker", "helper"), closed);
  }
}
