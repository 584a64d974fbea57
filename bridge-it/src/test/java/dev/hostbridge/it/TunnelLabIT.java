package dev.hostbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tunnel strategy end to end, in the lab: a network namespace stands for the Mac, joined by a
 * veth to this machine's root namespace, where dockerd stands for the Docker VM. {@code host-bridge
 * watch --strategy tunnel} runs in the Mac's namespace; the VM side runs in a helper container of
 * an image built here from Debian's binaries (this kernel has no WireGuard, so it takes the
 * wireguard-go path). Containers on the default bridge, on a user-defined bridge, on an
 * {@code --internal} network and on a macvlan network answer HTTP from the Mac's namespace by their IP. The engine here is
 * older than 28, so the lab adds, for each container, the rules Engine 28 adds (a raw PREROUTING
 * drop of traffic from outside the bridge, and the filter drop of 28.0), so that a missing accept
 * fails the test.
 */
class TunnelLabIT {

  private final long pid = ProcessHandle.current().pid();
  private final String hostNs = "hbtl-" + pid;
  private final String user = "hbtl-user-" + pid;
  private final String internal = "hbtl-int-" + pid;
  private final String later = "hbtl-later-" + pid;
  private final String macvlan = "hbtl-mv-" + pid;
  private Path dir;
  private Path stateDir;
  private String image;
  private Process watch;
  private final List<String> containers = new ArrayList<>();
  private final List<String[]> labRules = new ArrayList<>();

  @BeforeEach
  void lab() throws Exception {
    Requirements.root();
    Requirements.docker();
    dir = Files.createTempDirectory("hb-tunnel-lab-");
    stateDir = dir.resolve("state");
    image = TunnelImage.ensure();
    sh("ip", "netns", "add", hostNs);
    sh("ip", "link", "add", "hbtla", "type", "veth", "peer", "name", "hbtlb");
    sh("ip", "link", "set", "hbtlb", "netns", hostNs);
    sh("ip", "addr", "add", "10.195.0.1/30", "dev", "hbtla");
    sh("ip", "link", "set", "hbtla", "up");
    inHost("ip", "addr", "add", "10.195.0.2/30", "dev", "hbtlb");
    inHost("ip", "link", "set", "hbtlb", "up");
    inHost("ip", "link", "set", "lo", "up");
    sh("docker", "network", "create", user);
    sh("docker", "network", "create", "--internal", internal);
    // A macvlan network on a parent of the VM's (one end of a veth here: this kernel has no dummy
    // interfaces): Docker adds no rules for it.
    sh("ip", "link", "add", "hbtlmvp", "type", "veth", "peer", "name", "hbtlmvq");
    sh("ip", "link", "set", "hbtlmvp", "up");
    sh("ip", "link", "set", "hbtlmvq", "up");
    sh("docker", "network", "create", "-d", "macvlan", "--subnet", "10.193.0.0/24", "-o", "parent=hbtlmvp", macvlan);
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (watch != null && watch.isAlive()) {
      watch.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    quietly("host-bridge uninstall", () -> hostBridge("uninstall", "--yes"));
    for (String container : containers) {
      quietly("docker rm", () -> sh("docker", "rm", "-f", container));
    }
    for (String network : List.of(user, internal, later, macvlan)) {
      quietly("docker network rm", () -> Processes.run(List.of("docker", "network", "rm", network)));
    }
    for (String[] rule : labRules) {
      quietly("lab rule", () -> Processes.run(List.of(rule)));
    }
    quietly("netns", () -> sh("ip", "netns", "del", hostNs));
    quietly("veth", () -> Processes.run(List.of("ip", "link", "del", "hbtla")));
    quietly("macvlan parent", () -> Processes.run(List.of("ip", "link", "del", "hbtlmvp")));
  }

  @Test
  void containersOnEveryKindOfNetworkAnswerTheHostByIpAndUninstallLeavesNothing() throws Exception {
    Map<String, String> web = new LinkedHashMap<>();
    web.put("bridge", startWeb("bridge", "default"));
    web.put(user, startWeb(user, "user"));
    web.put(internal, startWeb(internal, "internal"));
    web.put(macvlan, startWeb(macvlan, "macvlan"));

    Path log = dir.resolve("watch.log");
    watch = startWatch(log);
    awaitLog(log, "healthy", 90);

    for (Map.Entry<String, String> entry : web.entrySet()) {
      String ip = entry.getValue();
      assertEquals(nameOf(entry.getKey()), fetch(ip), "the container on " + entry.getKey() + " at " + ip + " answers");
    }
    String routes = inHost("ip", "route").stdout();
    assertTrue(routes.contains("dev hbtun0"), routes);

    // doctor looks into the VM for the tunnel: no WireGuard in this kernel, the iptables Docker uses, the endpoint.
    Processes.Result doctor = hostBridge("doctor", "--json");
    assertEquals(0, doctor.exitCode(), doctor.stdout() + doctor.stderr());
    assertTrue(doctor.stdout().contains("the VM's kernel has no WireGuard; the VM side runs wireguard-go"), doctor.stdout());
    assertTrue(doctor.stdout().contains("holds Docker's chains"), doctor.stdout());
    assertTrue(doctor.stdout().contains("10.195.0.2 is 10.195.0.2 as the VM sees it"), doctor.stdout());

    // A network made while the watcher runs is routed within seconds; removed, its route goes.
    sh("docker", "network", "create", "--subnet", "10.196.77.0/24", later);
    String lateIp = startWeb(later, "later");
    long start = System.nanoTime();
    awaitTrue(() -> nameOf(later).equals(fetchQuietly(lateIp)), 20, "the new network's container answers", log);
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println("tunnel lab: a new network answered after " + millis + " ms");
    sh("docker", "rm", "-f", containers.remove(containers.size() - 1));
    sh("docker", "network", "rm", later);
    awaitTrue(() -> !inHost("ip", "route").stdout().contains("10.196.77.0/24"), 20, "the removed network's route goes", log);

    // The VM side torn down heals without a command.
    sh("sh", "-c", "docker ps -aq --filter label=dev.hostbridge.tunnel=hbtun0 | xargs -r docker rm -f");
    Processes.run(List.of("ip", "link", "del", "hbtun0"));
    awaitTrue(() -> nameOf(user).equals(fetchQuietly(web.get(user))), 150, "the tunnel is back by itself", log);

    watch.destroy(); // SIGTERM: the host side goes with the watcher, the rest stays installed
    assertTrue(watch.waitFor(20, TimeUnit.SECONDS));
    assertFalse(inHost("ip", "link").stdout().contains("hbtun0"), "the host's end went with the watcher");

    // A watcher started again (a reboot, a service restart) takes over the VM side left running.
    Path again = dir.resolve("watch-again.log");
    watch = startWatch(again);
    awaitLog(again, "healthy", 90);
    assertEquals(nameOf(user), fetch(web.get(user)), "the tunnel works again after the watcher's restart");

    // install --rekey: a new host key; the watcher takes it up and the VM side learns it.
    Processes.Result rekey = hostBridge("install", "--rekey", "--yes");
    assertEquals(0, rekey.exitCode(), rekey.stdout() + rekey.stderr());
    String newKey = rekey.stdout().replaceAll("(?s).*the tunnel's new public key is (\\S+).*", "$1").strip();
    // (the helper is replaced meanwhile: an exec into the one that is going fails, and is tried again)
    awaitTrue(() -> Processes.run(List.of("sh", "-c",
            "docker exec $(docker ps -q --filter label=dev.hostbridge.tunnel=hbtun0) wg show hbtun0 peers"))
        .stdout().strip().equals(newKey), 60, "the VM's peer is the new key", again);
    awaitTrue(() -> nameOf(user).equals(fetchQuietly(web.get(user))), 30, "the tunnel works with the new key", again);
    watch.destroy();
    assertTrue(watch.waitFor(20, TimeUnit.SECONDS));

    Processes.Result uninstall = hostBridge("uninstall", "--yes");
    assertEquals(0, uninstall.exitCode(), uninstall.stdout() + uninstall.stderr());
    assertFalse(Processes.run(List.of("ip", "link")).stdout().contains("hbtun0"), "the VM's end is gone");
    assertFalse(sh("iptables-save").contains("host-bridge:hbtun0"), "no rule of ours is left");
    assertFalse(Processes.run(List.of("ip", "link")).stdout().contains("hbmv"), "no macvlan sibling is left");
    assertEquals("", sh("docker", "ps", "-aq", "--filter", "label=dev.hostbridge.tunnel").strip(), "no helper is left");
    assertFalse(Files.exists(stateDir.resolve("tunnel/host.key")), "the key is gone");
  }

  private static String nameOf(String network) {
    return "hello from " + network;
  }

  /** A busybox httpd on {@code network} that answers with its network's name; returns its IP there. */
  private String startWeb(String network, String tag) throws Exception {
    String name = "hbtl-web-" + tag + "-" + pid;
    sh("docker", "run", "-d", "--name", name, "--network", network, TestImage.ensure(), "sh", "-c",
        "mkdir -p /www && echo '" + nameOf(network) + "' > /www/index.html && exec httpd -f -p 80 -h /www");
    containers.add(name);
    String ip = sh("docker", "inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", name).strip();
    String bridge = bridgeOf(network);
    if (bridge == null) {
      return ip; // Docker adds no rules for macvlan networks
    }
    // What Engine 28.2 adds for each container, and the filter drop of 28.0.
    addLabRule("iptables", "-t", "raw", "-A", "PREROUTING", "-d", ip, "!", "-i", bridge, "-j", "DROP");
    addLabRule("iptables", "-I", "DOCKER", "!", "-i", bridge, "-o", bridge, "-j", "DROP");
    return ip;
  }

  /** Adds a lab rule unless it is there, and remembers how to take it away again. */
  private void addLabRule(String... rule) throws Exception {
    int verb = List.of(rule).indexOf(List.of(rule).contains("-A") ? "-A" : "-I");
    String[] check = rule.clone();
    check[verb] = "-C";
    if (Processes.run(List.of(check)).exitCode() != 0) {
      sh(rule);
      String[] delete = rule.clone();
      delete[verb] = "-D";
      labRules.add(delete);
    }
  }

  private String bridgeOf(String network) throws Exception {
    if (network.equals(macvlan)) {
      return null;
    }
    if (network.equals("bridge")) {
      return "docker0";
    }
    return "br-" + sh("docker", "network", "inspect", "-f", "{{.Id}}", network).strip().substring(0, 12);
  }

  private Process startWatch(Path log) throws Exception {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", hostNs, Processes.LAUNCHER.toString(), "watch"));
    argv.addAll(settings());
    return new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private List<String> settings() {
    return List.of("--strategy", "tunnel", "--tunnel-image", image, "--tunnel-listen", "10.195.0.2",
        "--tunnel-endpoint", "10.195.0.2", "--state-dir", stateDir.toString());
  }

  private Processes.Result hostBridge(String command, String... extra) throws Exception {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", hostNs, Processes.LAUNCHER.toString(), command));
    argv.addAll(settings());
    argv.addAll(List.of(extra));
    return Processes.run(argv);
  }

  private String fetch(String ip) throws Exception {
    Processes.Result result = inHost("curl", "-s", "-m", "5", "http://" + ip + "/");
    assertEquals(0, result.exitCode(), "curl http://" + ip + "/ from the host's namespace: " + result.stderr());
    return result.stdout().strip();
  }

  private String fetchQuietly(String ip) {
    try {
      return inHost("curl", "-s", "-m", "2", "http://" + ip + "/").stdout().strip();
    } catch (Exception e) {
      return "";
    }
  }

  private Processes.Result inHost(String... argv) throws Exception {
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", hostNs));
    command.addAll(List.of(argv));
    return Processes.run(command);
  }

  private static String sh(String... argv) throws Exception {
    Processes.Result result = Processes.run(List.of(argv));
    if (result.exitCode() != 0) {
      throw new AssertionError(String.join(" ", argv) + " failed: " + result.stdout() + result.stderr());
    }
    return result.stdout();
  }

  interface Check {
    boolean holds() throws Exception;
  }

  private static void awaitTrue(Check check, int seconds, String what, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (check.holds()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("timed out waiting for " + what + "; the watcher said:\n" + Files.readString(log));
  }

  private static void awaitLog(Path log, String text, int seconds) throws Exception {
    awaitTrue(() -> Files.exists(log) && Files.readString(log).contains(text), seconds, "'" + text + "' in the log", log);
  }

  interface Action {
    Object run() throws Exception;
  }

  private static void quietly(String what, Action action) {
    try {
      action.run();
    } catch (Exception | AssertionError e) {
      System.err.println("tunnel lab cleanup (" + what + "): " + e.getMessage());
    }
  }
}
