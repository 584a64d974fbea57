package dev.hostbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The tunnel's lab: a network namespace stands for the Mac, joined by a veth to this machine's
 * root namespace, where dockerd stands for the Docker VM. {@code host-bridge watch --strategy
 * tunnel} runs in the Mac's namespace; the VM side runs in a helper container of an image built
 * here from Debian's binaries (this kernel has no WireGuard, so it takes the wireguard-go path).
 * Besides the default bridge it has a user-defined bridge, an {@code --internal} network and a
 * macvlan network. The engine here is older than 28, so {@link #startWeb} adds, for each container,
 * the rules Engine 28 adds (a raw PREROUTING drop of traffic from outside the bridge, and the filter
 * drop of 28.0), so that a missing accept fails a test. Closing it takes everything away again.
 */
final class TunnelLab implements AutoCloseable {

  final long pid = ProcessHandle.current().pid();
  final String hostNs = "hbtl-" + pid;
  final String user = "hbtl-user-" + pid;
  final String internal = "hbtl-int-" + pid;
  final String later = "hbtl-later-" + pid;
  final String macvlan = "hbtl-mv-" + pid;
  final Path dir;
  final Path stateDir;
  final String image;
  private final List<Process> watchers = new ArrayList<>();
  private final List<String> containers = new ArrayList<>();
  private final List<String[]> labRules = new ArrayList<>();

  private final boolean withMacvlan;

  TunnelLab() throws Exception {
    this(true);
  }

  /**
   * {@code withMacvlan} false leaves the macvlan network out: a test that restarts the engine must
   * (Docker 20.10 here fails to restore a macvlan network at its start, and once that network is
   * deleted, a record left in its store refuses every later macvlan network on that parent).
   */
  TunnelLab(boolean withMacvlan) throws Exception {
    this.withMacvlan = withMacvlan;
    Requirements.root();
    Requirements.docker();
    dir = Files.createTempDirectory("hb-tunnel-lab-");
    stateDir = dir.resolve("state");
    image = TunnelImage.ensure();
    try {
      build();
    } catch (Exception | AssertionError e) {
      close(); // what was made before the failure goes again
      throw e;
    }
  }

  private void build() throws Exception {
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
    if (!withMacvlan) {
      return;
    }
    // A macvlan network on a parent of the VM's (one end of a veth here: this kernel has no dummy
    // interfaces): Docker adds no rules for it.
    sh("ip", "link", "add", "hbtlmvp", "type", "veth", "peer", "name", "hbtlmvq");
    sh("ip", "link", "set", "hbtlmvp", "up");
    sh("ip", "link", "set", "hbtlmvq", "up");
    sh("docker", "network", "create", "-d", "macvlan", "--subnet", "10.193.0.0/24", "-o", "parent=hbtlmvp", macvlan);
  }

  @Override
  public void close() {
    for (Process watch : watchers) {
      if (watch.isAlive()) {
        quietly("watch", () -> watch.destroyForcibly().waitFor(10, TimeUnit.SECONDS));
      }
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

  static String nameOf(String network) {
    return "hello from " + network;
  }

  /** A busybox httpd on {@code network} that answers with its network's name; returns its IP there. */
  String startWeb(String network, String tag) throws Exception {
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

  /** Starts again a container of {@link #startWeb} that stopped (with the engine); returns its IP, which may have changed. */
  String restartWeb(String network, String tag) throws Exception {
    String name = "hbtl-web-" + tag + "-" + pid;
    sh("docker", "start", name);
    String ip = sh("docker", "inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", name).strip();
    String bridge = bridgeOf(network);
    if (bridge != null) {
      addLabRule("iptables", "-t", "raw", "-A", "PREROUTING", "-d", ip, "!", "-i", bridge, "-j", "DROP");
      addLabRule("iptables", "-I", "DOCKER", "!", "-i", bridge, "-o", bridge, "-j", "DROP");
    }
    return ip;
  }

  /** Removes the container {@link #startWeb} started last. */
  void removeLastWeb() throws Exception {
    sh("docker", "rm", "-f", containers.remove(containers.size() - 1));
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

  /** {@code host-bridge watch} in the host's namespace with the lab's settings, its output to {@code log}. */
  Process startWatch(Path log, Map<String, String> environment) throws Exception {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", hostNs, Processes.LAUNCHER.toString(), "watch"));
    argv.addAll(settings());
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process watch = builder.start();
    watchers.add(watch);
    return watch;
  }

  Process startWatch(Path log) throws Exception {
    return startWatch(log, Map.of());
  }

  List<String> settings() {
    return List.of("--strategy", "tunnel", "--tunnel-image", image, "--tunnel-listen", "10.195.0.2",
        "--tunnel-endpoint", "10.195.0.2", "--state-dir", stateDir.toString());
  }

  Processes.Result hostBridge(String command, String... extra) throws Exception {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", hostNs, Processes.LAUNCHER.toString(), command));
    argv.addAll(settings());
    argv.addAll(List.of(extra));
    return Processes.run(argv);
  }

  String fetch(String ip) throws Exception {
    Processes.Result result = inHost("curl", "-s", "-m", "5", "http://" + ip + "/");
    assertEquals(0, result.exitCode(), "curl http://" + ip + "/ from the host's namespace: " + result.stderr());
    return result.stdout().strip();
  }

  String fetchQuietly(String ip) {
    try {
      return inHost("curl", "-s", "-m", "2", "http://" + ip + "/").stdout().strip();
    } catch (Exception e) {
      return "";
    }
  }

  Processes.Result inHost(String... argv) throws Exception {
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", hostNs));
    command.addAll(List.of(argv));
    return Processes.run(command);
  }

  static String sh(String... argv) throws Exception {
    Processes.Result result = Processes.run(List.of(argv));
    if (result.exitCode() != 0) {
      throw new AssertionError(String.join(" ", argv) + " failed: " + result.stdout() + result.stderr());
    }
    return result.stdout();
  }

  interface Check {
    boolean holds() throws Exception;
  }

  static void awaitTrue(Check check, int seconds, String what, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (check.holds()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("timed out waiting for " + what + "; the watcher said:\n" + Files.readString(log));
  }

  static void awaitLog(Path log, String text, int seconds) throws Exception {
    awaitTrue(() -> Files.exists(log) && Files.readString(log).contains(text), seconds, "'" + text + "' in the log", log);
  }

  interface Action {
    Object run() throws Exception;
  }

  static void quietly(String what, Action action) {
    try {
      action.run();
    } catch (Exception | AssertionError e) {
      System.err.println("tunnel lab cleanup (" + what + "): " + e.getMessage());
    }
  }
}
