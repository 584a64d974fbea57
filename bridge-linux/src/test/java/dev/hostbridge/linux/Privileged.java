package dev.hostbridge.linux;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Tests that need root and iproute2 skip with a message locally, and fail in CI (CI=true), where .ci/run provides them. */
final class Privileged {

  private Privileged() {}

  static void require() {
    String problem = null;
    if (!"root".equals(System.getProperty("user.name"))) {
      problem = "needs root (network namespaces, tun/tap)";
    } else if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/sbin/ip"))) {
      problem = "needs iproute2's ip";
    } else if (!Files.exists(Path.of("/dev/net/tun"))) {
      problem = "needs /dev/net/tun";
    }
    if (problem != null) {
      if ("true".equals(System.getenv("CI"))) {
        fail(problem + ", and CI must provide it");
      }
      Assumptions.abort(problem + "; skipped outside CI");
    }
  }
}
