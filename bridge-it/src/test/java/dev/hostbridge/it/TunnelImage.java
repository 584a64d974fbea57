package dev.hostbridge.it;

import java.nio.file.Path;
import java.util.List;

/**
 * The VM side's image for the lab, built on this machine from Debian's own binaries (busybox, ip,
 * wg, wireguard-go, iptables) with {@code docker import}: there is no registry here.
 */
final class TunnelImage {

  private static String built;

  private TunnelImage() {}

  static synchronized String ensure() throws Exception {
    if (built == null) {
      Path script = Path.of(TunnelImage.class.getResource("/build-tunnel-image.sh").toURI());
      Processes.Result result = Processes.run(List.of("sh", script.toString()));
      if (result.exitCode() != 0) {
        Requirements.unmet("cannot build the tunnel lab's image: " + result.stderr());
      }
      List<String> lines = result.stdout().strip().lines().toList();
      built = lines.get(lines.size() - 1).strip();
    }
    return built;
  }
}
