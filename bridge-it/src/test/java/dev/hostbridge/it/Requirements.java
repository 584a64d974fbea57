package dev.hostbridge.it;

import static org.junit.jupiter.api.Assertions.fail;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.core.Settings;
import dev.hostbridge.core.docker.DockerEngines;
import dev.hostbridge.core.docker.DockerEndpoint;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * What the integration tests need from the machine. Locally a missing piece skips the test with
 * a message; in CI (CI=true) it fails, because .ci/run provides everything.
 */
final class Requirements {

  private Requirements() {}

  static void unmet(String problem) {
    if ("true".equals(System.getenv("CI"))) {
      fail(problem + ", and CI must provide it (see .ci/run)");
    }
    Assumptions.abort(problem + "; skipped outside CI");
  }

  /** The Docker engine this machine runs, found the way the tool finds it. */
  static DockerEndpoint docker() {
    try {
      return DockerEngines.resolve(Settings.builder().environment(System.getenv()).build(), System.getenv());
    } catch (BridgeException e) {
      unmet("needs a running Docker engine (" + e.getMessage().replace('\n', ' ') + ")");
      throw e;
    }
  }

  static void root() {
    if (!"root".equals(System.getProperty("user.name"))) {
      unmet("needs root");
    }
  }

  /** Root, and what a wireguard-go peer in a namespace needs (wireguard-go, wg, ip). */
  static void wireGuardGo() {
    root();
    String problem = dev.hostbridge.wireguard.WireGuardGoLab.missing();
    if (problem != null) {
      unmet(problem);
    }
  }

  static Map<String, String> environment() {
    return System.getenv();
  }
}
