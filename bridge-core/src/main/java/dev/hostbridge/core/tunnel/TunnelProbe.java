package dev.hostbridge.core.tunnel;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.Diagnostic;
import dev.hostbridge.core.docker.DockerEngine;
import dev.hostbridge.core.docker.HelperRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code doctor} tells of the tunnel: whether its image is there, and, from a short-lived
 * helper running the VM-side script's {@code probe}, whether the VM's kernel has WireGuard, which
 * iptables holds Docker's chains, and what {@code --tunnel-endpoint} resolves to in the VM. The
 * probe changes nothing but a test interface it makes and removes at once.
 */
public final class TunnelProbe {

  private TunnelProbe() {}

  public static List<Diagnostic> diagnose(BridgeConfig config, DockerEngine docker) {
    List<Diagnostic> found = new ArrayList<>();
    String image = TunnelImage.reference(config);
    if (!docker.hasImage(image)) {
      found.add(Diagnostic.problem("tunnel image", image + " is not in the engine, so the VM could not be looked into",
          config.tunnelImage().isPresent() ? "Load or build " + image + "." : "Run host-bridge watch --strategy tunnel once: it builds it.",
          BridgeException.Kind.PREREQUISITE));
      return found;
    }
    found.add(Diagnostic.fact("tunnel image", image + " is in the engine"));
    Map<String, String> env = new LinkedHashMap<>(Map.of("HB_ACTION", "probe", "HB_IF", TunnelRuntime.INTERFACE));
    env.put("HB_ENDPOINT", config.tunnelEndpoint());
    HelperRun.Result run = docker.runHelper(new HelperRun(image, VmSideScript.command(),
        true, List.of("NET_ADMIN"), env));
    Map<String, String> said = VmSideScript.fields(run.output(), rule -> { });
    if (!"1".equals(said.get("ready"))) {
      found.add(Diagnostic.problem("vm", "the probe in the VM did not answer: " + run.output().strip(),
          "Check that " + image + " has sh, ip, wg and iptables.", BridgeException.Kind.DOCKER));
      return found;
    }
    boolean kernel = "yes".equals(said.get("kernel_wireguard"));
    boolean userspace = "yes".equals(said.get("wireguard_go"));
    if (kernel) {
      found.add(Diagnostic.fact("vm wireguard", "the VM's kernel has WireGuard"));
    } else if (userspace) {
      found.add(Diagnostic.fact("vm wireguard", "the VM's kernel has no WireGuard; the VM side runs wireguard-go from " + image));
    } else {
      found.add(Diagnostic.problem("vm wireguard", "the VM's kernel has no WireGuard and " + image + " has no wireguard-go",
          "Use host-bridge's own image (leave --tunnel-image unset), which has wireguard-go.", BridgeException.Kind.PREREQUISITE));
    }
    String firewall = said.getOrDefault("firewall", "none");
    java.util.Optional<dev.hostbridge.api.StepStatus> nftables = Tunnel.nftables(docker.firewallBackend());
    if (nftables.isPresent()) {
      found.add(Diagnostic.problem("vm firewall", nftables.get().reason(), nftables.get().remedy(), BridgeException.Kind.PREREQUISITE));
    } else if (firewall.equals("none")) {
      found.add(Diagnostic.problem("vm firewall", "no iptables in the VM holds Docker's DOCKER-USER chain (Docker started"
          + " without its firewall rules, or with a backend host-bridge does not know)", "Routed traffic may be dropped in the VM;"
          + " host-bridge adds its accepts to iptables only. Check the engine's \"iptables\" and \"firewall-backend\" settings.",
          BridgeException.Kind.PREREQUISITE));
    } else {
      found.add(Diagnostic.fact("vm firewall", firewall + " holds Docker's chains; host-bridge's rules go there"));
    }
    String endpoint = said.getOrDefault("endpoint", "unresolved");
    if (endpoint.equals("unresolved")) {
      found.add(Diagnostic.problem("endpoint", config.tunnelEndpoint() + " does not resolve to an IPv4 address in the VM",
          "Give --tunnel-endpoint the host's IPv4 address as the VM reaches it.", BridgeException.Kind.PREREQUISITE));
    } else {
      found.add(Diagnostic.fact("endpoint", config.tunnelEndpoint() + " is " + endpoint + " as the VM sees it"));
    }
    return found;
  }
}
