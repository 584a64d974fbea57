package dev.hostbridge.wireguard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace joined to this one by a veth pair, with Debian's wireguard-go running in it:
 * the real WireGuard peer our endpoint is tested against. Shared with bridge-it's tunnel tests
 * (through this module's test jar). Closing it stops wireguard-go and removes the namespace and
 * the veth.
 */
public final class WireGuardGoLab implements AutoCloseable {

  private final String ns;
  private final String ourVeth;
  private final String theirVeth;
  private final String wgInterface;
  private final Path log;
  private Process wireguardGo;

  /** Names only; nothing is created until {@link #join} and {@link #startWireGuardGo}. */
  public WireGuardGoLab(String ns, String ourVeth, String theirVeth, String wgInterface, Path logDir) {
    this.ns = ns;
    this.ourVeth = ourVeth;
    this.theirVeth = theirVeth;
    this.wgInterface = wgInterface;
    this.log = logDir.resolve("wireguard-go.log");
  }

  /** What this machine lacks for the lab, or null when it has everything. */
  public static String missing() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return "needs root (a network namespace, a TUN device for wireguard-go)";
    }
    if (!Files.isExecutable(Path.of("/usr/bin/wireguard-go")) || !Files.isExecutable(Path.of("/usr/bin/wg"))) {
      return "needs wireguard-go and wireguard-tools";
    }
    return null;
  }

  /** Runs a program; its output, or an IOException with the output when it fails. */
  public static String run(String... argv) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", argv) + " failed: " + out);
    }
    return out;
  }

  /** Runs a program in the namespace. */
  public String inNs(String... argv) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    command.addAll(List.of(argv));
    return run(command.toArray(String[]::new));
  }

  /** The namespace's name. */
  public String namespace() {
    return ns;
  }

  /** wireguard-go's output so far, for failure messages. */
  public String log() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** Creates the namespace and the veth pair, with {@code ours} (CIDR) on our end and {@code theirs} on theirs. */
  public void join(String ours, String theirs) throws IOException, InterruptedException {
    run("ip", "netns", "add", ns);
    run("ip", "link", "add", ourVeth, "type", "veth", "peer", "name", theirVeth);
    run("ip", "link", "set", theirVeth, "netns", ns);
    run("ip", "addr", "add", ours, "dev", ourVeth);
    run("ip", "link", "set", ourVeth, "up");
    inNs("ip", "addr", "add", theirs, "dev", theirVeth);
    inNs("ip", "link", "set", theirVeth, "up");
    inNs("ip", "link", "set", "lo", "up");
  }

  /** Starts wireguard-go in the namespace and waits until its interface and its control socket exist. */
  public void startWireGuardGo() throws IOException, InterruptedException {
    ProcessBuilder go = new ProcessBuilder("ip", "netns", "exec", ns, "wireguard-go", "-f", wgInterface)
        .redirectErrorStream(true).redirectOutput(log.toFile());
    go.environment().put("WG_I_PREFER_BUGGY_USERSPACE_TO_POLISHED_KMOD", "1");
    Files.deleteIfExists(socket());
    wireguardGo = go.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!(Files.exists(socket()) && linkExists()) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  private Path socket() {
    return Path.of("/var/run/wireguard/" + wgInterface + ".sock");
  }

  private boolean linkExists() throws IOException, InterruptedException {
    return new ProcessBuilder("ip", "-n", ns, "link", "show", wgInterface).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (wireguardGo != null) {
      wireguardGo.destroy();
      if (!wireguardGo.waitFor(5, TimeUnit.SECONDS)) {
        wireguardGo.destroyForcibly().waitFor();
      }
    }
    Files.deleteIfExists(socket());
    new ProcessBuilder("ip", "netns", "del", ns).start().waitFor();
    new ProcessBuilder("ip", "link", "del", ourVeth).start().waitFor();
  }
}
