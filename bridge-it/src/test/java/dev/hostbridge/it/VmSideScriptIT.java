package dev.hostbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.core.tunnel.VmSideScript;
import dev.hostbridge.wireguard.Cidr;
import dev.hostbridge.wireguard.Icmp;
import dev.hostbridge.wireguard.WireGuardConfig;
import dev.hostbridge.wireguard.WireGuardEndpoint;
import dev.hostbridge.wireguard.WireGuardGoLab;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VM side of the tunnel, the script itself run by real shells (dash, busybox sh) in a network
 * namespace that stands for the VM, with Debian's ip, wg, wireguard-go and iptables: this kernel
 * has no WireGuard, so the script takes the wireguard-go path. Its peer is our endpoint in this
 * namespace, reached over a veth. Docker's DOCKER-USER chain is made in the namespace as Docker
 * would make it, so that the firewall path runs; the lab with a real engine is the tunnel lab's.
 */
class VmSideScriptIT {

  static final String VM_IF = "hbvmwg0";

  @TempDir Path dir;
  private final String ns = "hbvm-" + ProcessHandle.current().pid();
  private WireGuardGoLab lab;
  private WireGuardEndpoint host;
  private final List<Process> scripts = new ArrayList<>();
  private final AtomicInteger answered = new AtomicInteger();

  @BeforeEach
  void requirements() {
    lab = new WireGuardGoLab(ns, "hbvsa", "hbvsb", VM_IF, dir);
    Requirements.wireGuardGo();
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (Process script : scripts) {
      script.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    if (host != null) {
      host.close();
    }
    lab.close();
  }

  /** The script started with {@code shell} in the VM namespace; its output lines up to ready=1 or error=, and the process. */
  private record Run(Process process, String output) {}

  private Run script(String shell, Map<String, String> environment) throws Exception {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    argv.addAll(List.of(shell.split(" ")));
    argv.addAll(List.of("-c", VmSideScript.text(), "host-bridge-vm-side"));
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    scripts.add(process);
    StringBuilder output = new StringBuilder();
    BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = lines.readLine()) != null) {
      output.append(line).append('\n');
      if (line.equals("ready=1") || line.startsWith("error=")) {
        break;
      }
    }
    return new Run(process, output.toString());
  }

  private VmSideScript.Up up(List<String> natBridges) throws IOException {
    return new VmSideScript.Up(VM_IF, "10.33.33.2", "10.33.33.1", host.publicKey(), "10.196.0.1",
        host.localAddress().getPort(), 25, natBridges);
  }

  private void startHost() throws Exception {
    lab.join("10.196.0.1/30", "10.196.0.2/30");
    lab.inNs("iptables-nft", "-w", "-N", "DOCKER-USER"); // as Docker makes it
    List<WireGuardEndpoint> self = new ArrayList<>();
    host = new WireGuardEndpoint(WireGuardEndpoint.generatePrivateKey(), new InetSocketAddress("10.196.0.1", 0), List.of(),
        received -> {
          byte[] reply = Icmp.echoReply(received.packet());
          try {
            if (reply != null && self.get(0).send(reply)) {
              answered.incrementAndGet();
            }
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
    self.add(host);
  }

  private String rules() throws Exception {
    return lab.inNs("iptables-nft", "-w", "-t", "raw", "-S") + lab.inNs("iptables-nft", "-w", "-S", "DOCKER-USER")
        + lab.inNs("iptables-nft", "-w", "-t", "nat", "-S", "POSTROUTING");
  }

  private static long count(String text, String part) {
    return text.lines().filter(l -> l.contains(part)).count();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dash", "busybox sh"})
  void upMakesATunnelToTheHostAndDownTakesAllOfItAway(String shell) throws Exception {
    startHost();
    Run first = script(shell, up(List.of("hbbr0")).environment());
    VmSideScript.Result result = VmSideScript.parse(first.output());
    assertTrue(result.ready(), first.output());
    assertEquals(Optional.of("wireguard-go"), result.mode(), "this kernel has no WireGuard");
    assertEquals(Optional.of("iptables-nft"), result.firewall(), "the iptables that holds DOCKER-USER");
    assertEquals(4, result.rulesAdded().size(), first.output());
    String vmKey = result.publicKey().orElseThrow();

    // The host learns the VM's key from the script and takes it as its peer.
    host.setPeers(List.of(new WireGuardConfig.Peer(vmKey, Optional.empty(), List.of(Cidr.parse("10.33.33.2/32")),
        Optional.empty(), 0)));
    String ping = lab.inNs("busybox", "ping", "-c", "3", "-W", "8", "10.33.33.1");
    assertTrue(answered.get() >= 1 && host.hasSession(vmKey), ping + "\n" + first.output());
    assertTrue(host.endpointOf(vmKey).isPresent(), "the host learned the VM's endpoint from its handshake");

    String rules = rules();
    assertEquals(4, count(rules, "host-bridge:" + VM_IF), rules);
    assertTrue(rules.contains("-A PREROUTING -i " + VM_IF + " -m comment --comment \"host-bridge:" + VM_IF + "\" -j ACCEPT"), rules);
    assertTrue(rules.contains("-s 10.33.33.1/32 -o hbbr0"), rules);

    // Again, as after the watcher noticed something: the same key, no rule twice.
    String other = shell.equals("dash") ? "busybox sh" : "dash";
    Run again = script(other, up(List.of("hbbr0")).environment());
    VmSideScript.Result second = VmSideScript.parse(again.output());
    assertTrue(second.ready(), again.output());
    assertEquals(Optional.of(vmKey), second.publicKey(), "the interface keeps its key");
    assertEquals(Optional.of("wireguard-go"), second.mode());
    assertEquals(List.of(), second.rulesAdded());
    assertEquals(4, count(rules(), "host-bridge:" + VM_IF));
    assertTrue(again.process().waitFor(5, TimeUnit.SECONDS), "a second run leaves wireguard-go to the first");

    Run down = script(shell, VmSideScript.downEnvironment(VM_IF));
    assertTrue(VmSideScript.parse(down.output()).ready(), down.output());
    assertEquals(0, count(rules(), "host-bridge"), rules());
    assertFalse(lab.inNs("ip", "-o", "link").contains(VM_IF), "the interface is gone");
    assertTrue(first.process().waitFor(5, TimeUnit.SECONDS), "wireguard-go, and the run that kept it, ended with it");
  }

  @Test
  void valuesThatAreNotWhatTheyClaimAreRefusedByTheScriptItselfBeforeAnythingIsMade() throws Exception {
    startHost();
    Map<String, String> good = up(List.of()).environment();
    Map<String, String[]> bad = Map.of(
        "HB_IF", new String[] {"a;reboot", "UPPER", "x".repeat(16), "../x"},
        "HB_HOST_KEY", new String[] {"$(reboot)", "short="},
        "HB_ENDPOINT", new String[] {"host;reboot", "-x"},
        "HB_PORT", new String[] {"0", "65536", "1 2"},
        "HB_VM_ADDRESS", new String[] {"10.0.0.256", "10.0.0", "1.2.3.4.5"},
        "HB_NAT_BRIDGES", new String[] {"br0 $(reboot)"});
    for (Map.Entry<String, String[]> field : bad.entrySet()) {
      for (String value : field.getValue()) {
        Map<String, String> environment = new java.util.HashMap<>(good);
        environment.put(field.getKey(), value);
        Run run = script("dash", environment);
        assertTrue(run.process().waitFor(10, TimeUnit.SECONDS));
        assertEquals(1, run.process().exitValue(), field.getKey() + "=" + value + ": " + run.output());
        assertTrue(run.output().startsWith("error=" + field.getKey()), field.getKey() + "=" + value + ": " + run.output());
      }
    }
    assertFalse(lab.inNs("ip", "-o", "link").contains(VM_IF), "nothing was made");
    assertEquals(0, count(rules(), "host-bridge"));
  }
}
