package dev.hostbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostbridge.core.steps.shim.ShellQuote;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The lab: a network namespace stands for the Mac, this machine's dockerd for the Docker VM, and
 * a compiled stand-in for hyperkit sits as the original launcher inside a Docker.app layout.
 * Started through the shim, the stand-in attaches to the tap device in the Mac's namespace and
 * gives the engine's namespace a NIC with the shim's MAC, moving frames between the two. The
 * restart command stops it and starts it again through the launcher path with Docker's argv.
 * Everything it makes is removed by {@link #close()}, also after a failure.
 */
final class Lab implements AutoCloseable {

  /** A launch command line in the layout Docker Desktop used in 2021 (kexec, vpnkit in slot 1, disk in 2). */
  static final List<String> DOCKER_ARGV = List.of("-A", "-u", "-F", "vms/0/hyperkit.pid", "-c", "2", "-m", "2048M",
      "-s", "0:0,hostbridge", "-s", "31,lpc", "-s", "1:0,virtio-vpnkit,path=vpnkit.eth.sock,uuid=164f82af-15e1-47b7-9af5-27eb2f2dfed4",
      "-U", "20b51830-4026-45b2-9fb9-bdcfcec6a669", "-s", "2:0,virtio-blk,vms/0/data/Docker.raw",
      "-s", "3,virtio-sock,guest_cid=3,path=vms/0,guest_forwards=2376;1525", "-s", "4,virtio-rnd",
      "-l", "com1,null,asl,log=vms/0/console-ring",
      "-f", "kexec,kernel,initrd.img,earlyprintk=serial page_poison=1 console=ttyS0 vpnkit.connect=connect://2/1999");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEVICE = "tap1";

  final Path dir;
  final String hostNs;
  final String vmNs;
  final Path app;
  final Path launcher;
  final Path restartScript;
  final Path argvLog;
  final Path stateDir;
  final String network;
  final String subnet;
  final String gateway;
  final String originalSha256;
  private final List<String> containers = new ArrayList<>();

  Lab(String tag, int index) throws Exception {
    long pid = ProcessHandle.current().pid();
    dir = Files.createTempDirectory("hb-lab-" + tag + "-");
    hostNs = "hblab-mac-" + pid + "-" + tag;
    vmNs = "hblab-vm-" + pid + "-" + tag;
    network = "hblab-" + tag;
    subnet = "10.77." + index + ".0/24";
    gateway = "10.77." + index + ".1";
    app = dir.resolve("Docker.app");
    launcher = app.resolve("Contents/Resources/bin/com.docker.hyperkit");
    Files.createDirectories(launcher.getParent());
    Files.copy(LabBinaries.fakeHyperkit(), launcher);
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    originalSha256 = sha256(launcher);
    argvLog = dir.resolve("vm.argv");
    stateDir = dir.resolve("state");
    restartScript = dir.resolve("restart-docker.sh");
    writeRestartScript();
    removeLeftovers();
    Processes.run(List.of("ip", "netns", "add", hostNs)).expectSuccess();
    // A name for the engine's own namespace, so the stand-in can reach it from the Mac's.
    Processes.run(List.of("ip", "netns", "attach", vmNs, Long.toString(pid))).expectSuccess();
    inHost("ip", "link", "set", "lo", "up").expectSuccess();
  }

  /** What a lab run that was killed (not failed: that cleans up) may have left in the engine. */
  private void removeLeftovers() throws Exception {
    // A VM stand-in of a lab that was killed still holds its tap device and its NIC in the engine.
    Processes.run(List.of("pkill", "-f", "/hb-lab-[^ ]*/Docker.app/Contents/Resources/bin/com.docker.hyperkit"));
    Processes.run(List.of("sh", "-c", "docker ps -aq --filter name=hblab- | xargs -r docker rm -f"));
    Processes.run(List.of("docker", "network", "rm", network));
  }

  private void writeRestartScript() throws IOException {
    String argv = DOCKER_ARGV.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    String script = "#!/bin/sh\n"
        + "# The lab's 'restart Docker': stop the VM launcher and start it again, as Docker does.\n"
        + "pidfile=" + ShellQuote.quote(dir.resolve("vm.pid").toString()) + "\n"
        + "if [ -f \"$pidfile\" ]; then\n"
        + "  pid=$(cat \"$pidfile\")\n"
        + "  kill \"$pid\" 2>/dev/null\n"
        + "  i=0\n"
        + "  while kill -0 \"$pid\" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done\n"
        + "fi\n"
        + "HB_LAB_VM_NETNS=" + ShellQuote.quote("/var/run/netns/" + vmNs) + " HB_LAB_ARGV_LOG=" + ShellQuote.quote(argvLog.toString())
        + " setsid " + ShellQuote.quote(launcher.toString()) + " " + argv
        + " >>" + ShellQuote.quote(dir.resolve("vm.log").toString()) + " 2>&1 </dev/null &\n"
        + "echo $! > \"$pidfile\"\n";
    Files.writeString(restartScript, script);
    Files.setPosixFilePermissions(restartScript, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** Docker starts: the launcher runs, as Docker Desktop runs it. */
  void startDocker() throws Exception {
    inHost("sh", restartScript.toString()).expectSuccess();
  }

  /** Someone restarts Docker, as the restart command does. */
  void restartDocker() throws Exception {
    startDocker();
  }

  Processes.Result inHost(String... argv) throws Exception {
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", hostNs));
    command.addAll(List.of(argv));
    return Processes.run(command);
  }

  /** {@code host-bridge COMMAND} in the Mac's namespace, as a person runs it, with the lab's settings. */
  Processes.Result hostBridge(String command, String... extra) throws Exception {
    return hostBridge(Map.of(), command, extra);
  }

  /** As {@link #hostBridge(String, String...)}, with these environment variables too. */
  Processes.Result hostBridge(Map<String, String> env, String command, String... extra) throws Exception {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", hostNs, Processes.LAUNCHER.toString(), command,
        "--launcher", launcher.toString(), "--restart-command", restartScript.toString(),
        "--helper-image", TestImage.NAME, "--state-dir", stateDir.toString(),
        "--network", network, "--subnet", subnet, "--gateway", gateway, "--device", DEVICE));
    argv.addAll(List.of(extra));
    return Processes.run(argv, env, null);
  }

  /** Starts {@code host-bridge COMMAND} in the Mac's namespace without waiting; its output goes to {@code log}. */
  Process startHostBridge(Path log, String command, String... extra) throws Exception {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", hostNs, Processes.LAUNCHER.toString(), command,
        "--launcher", launcher.toString(), "--restart-command", restartScript.toString(),
        "--helper-image", TestImage.NAME, "--state-dir", stateDir.toString(),
        "--network", network, "--subnet", subnet, "--gateway", gateway, "--device", DEVICE));
    argv.addAll(List.of(extra));
    return new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Each step's state from {@code status --json}. */
  Map<String, String> stepStates(String... extra) throws Exception {
    String[] args = new String[extra.length + 1];
    args[0] = "--json";
    System.arraycopy(extra, 0, args, 1, extra.length);
    JsonNode status = JSON.readTree(hostBridge("status", args).expectSuccess().stdout());
    Map<String, String> states = new java.util.LinkedHashMap<>();
    status.get("steps").forEach(step -> states.put(step.get("id").asText(), step.get("state").asText()));
    return states;
  }

  JsonNode status() throws Exception {
    Processes.Result result = hostBridge("status", "--json").expectSuccess();
    return JSON.readTree(result.stdout());
  }

  /** A busybox HTTP server on the lab's network, answering with its name. */
  void runWebServer(String name, String ip) throws Exception {
    containers.add(name);
    Processes.run(List.of("docker", "run", "-d", "--name", name, "--network", network, "--ip", ip, TestImage.NAME,
        "sh", "-c", "echo hello-from-" + name + " > /www/index.html && exec httpd -f -p 80 -h /www")).expectSuccess();
  }

  /** An HTTP GET from the Mac's namespace, with a deadline. */
  Processes.Result fetch(String ip) throws Exception {
    return inHost("timeout", "10", "/bin/busybox", "wget", "-q", "-O", "-", "http://" + ip + "/");
  }

  String hostLinks() throws Exception {
    return inHost("ip", "-o", "link", "show").expectSuccess().stdout();
  }

  String hostAddresses() throws Exception {
    return inHost("ip", "-o", "-4", "addr", "show").expectSuccess().stdout();
  }

  static boolean engineHasInterface(String name) throws Exception {
    return Processes.run(List.of("ip", "link", "show", name)).exitCode() == 0;
  }

  static String vmNicName() {
    return "vm" + DEVICE;
  }

  boolean networkExists() throws Exception {
    return Processes.run(List.of("docker", "network", "inspect", network)).exitCode() == 0;
  }

  List<String> launcherArgv() throws IOException {
    String text = Files.readString(argvLog);
    return text.isEmpty() ? List.of() : List.of(text.substring(0, text.length() - 1).split("\0", -1));
  }

  List<String> launcherDirectory() throws IOException {
    try (Stream<Path> files = Files.list(launcher.getParent())) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  void assertLauncherIsOriginal() throws Exception {
    assertEquals(originalSha256, sha256(launcher), "the launcher is byte-identical to the original");
    assertEquals(List.of("com.docker.hyperkit"), launcherDirectory(), "no .real or other file left beside it");
  }

  void removeContainer(String name) throws Exception {
    Processes.run(List.of("docker", "rm", "-f", name));
    containers.remove(name);
  }

  String vmLog() {
    try {
      return Files.readString(dir.resolve("vm.log"));
    } catch (IOException e) {
      return "(no vm.log)";
    }
  }

  @Override
  public void close() throws Exception {
    List<Exception> problems = new ArrayList<>();
    Runnable[] cleanups = {
        () -> run("sh", "-c", "[ -f " + ShellQuote.quote(dir.resolve("vm.pid").toString()) + " ] && kill $(cat " + ShellQuote.quote(dir.resolve("vm.pid").toString()) + ")"),
        () -> containers.forEach(c -> run("docker", "rm", "-f", c)),
        () -> run("docker", "network", "rm", network),
        () -> run("sh", "-c", "docker ps -aq --filter label=dev.hostbridge.helper | xargs -r docker rm -f"),
        () -> run("ip", "netns", "del", hostNs),
        () -> run("ip", "netns", "del", vmNs),
        () -> run("rm", "-rf", dir.toString()),
    };
    for (Runnable cleanup : cleanups) {
      try {
        cleanup.run();
      } catch (RuntimeException e) {
        problems.add(e);
      }
    }
    if (!problems.isEmpty()) {
      throw problems.get(0);
    }
  }

  private static void run(String... argv) {
    try {
      Processes.run(List.of(argv));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
