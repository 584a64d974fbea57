package dev.hostbridge.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A busybox image built on this machine (there is no registry here): Debian's busybox-static
 * with a link for every applet, imported with {@code docker import}.
 */
final class TestImage {

  static final String NAME = "hostbridge-test/busybox:1";

  private TestImage() {}

  static synchronized String ensure() throws Exception {
    if (Processes.run(List.of("docker", "image", "inspect", NAME)).exitCode() == 0) {
      return NAME;
    }
    Path busybox = Path.of("/bin/busybox");
    if (!Files.isExecutable(busybox)) {
      Requirements.unmet("needs /bin/busybox (Debian's busybox-static) to build the test image");
    }
    Path script = Path.of(TestImage.class.getResource("/build-test-image.sh").toURI());
    Processes.run(List.of("sh", script.toString(), busybox.toString(), NAME)).expectSuccess();
    return NAME;
  }
}
