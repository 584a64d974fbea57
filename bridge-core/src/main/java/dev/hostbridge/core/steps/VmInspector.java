package dev.hostbridge.core.steps;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.core.docker.DockerEngine;
import dev.hostbridge.core.docker.HelperRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Looks at and changes the Docker VM's own network interfaces through a short-lived helper
 * container in the engine's network namespace ({@code --net=host}, only NET_ADMIN added, never
 * privileged). Its scripts use only busybox sh builtins and busybox ip. The listing is cached
 * until something changes the VM.
 */
public final class VmInspector {

  /**
   * One of the VM's interfaces.
   *
   * @param addresses its IPv4 addresses with their prefixes
   */
  public record Nic(String name, String mac, boolean up, List<Ipv4Cidr> addresses) {
    public Nic {
      addresses = List.copyOf(addresses);
    }

    public Nic(String name, String mac, boolean up) {
      this(name, mac, up, List.of());
    }
  }

  /**
   * Lists each interface as {@code NAME MAC FLAGS}, then each IPv4 address as {@code addr NAME
   * ADDRESS/PREFIX} (busybox ip and iproute2 print {@code N: NAME inet ADDRESS/PREFIX ...} with -o).
   */
  public static final String LIST_SCRIPT =
      "for d in /sys/class/net/*; do read -r a < \"$d/address\"; read -r f < \"$d/flags\"; echo \"${d##*/} $a $f\"; done; "
          + "ip -o -4 addr show 2>/dev/null | while read -r n name family address rest; do echo \"addr ${name%%@*} $address\"; done";
  public static final String SET_UP_SCRIPT = "ip link set \"$1\" up";
  public static final String SET_DOWN_SCRIPT = "ip link set \"$1\" down";
  private static final Pattern NIC_NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,15}");

  private final Supplier<DockerEngine> docker;
  private final BridgeConfig config;
  private List<Nic> cached;
  private boolean imageChecked;

  public VmInspector(Supplier<DockerEngine> docker, BridgeConfig config) {
    this.docker = docker;
    this.config = config;
  }

  public synchronized List<Nic> nics(Consumer<String> progress) {
    if (cached == null) {
      HelperRun.Result result = helper(List.of("sh", "-c", LIST_SCRIPT), progress);
      if (result.exitCode() != 0) {
        throw helperFailed("list the VM's network interfaces", result);
      }
      cached = parse(result.output());
    }
    return cached;
  }

  /** The listing {@link #LIST_SCRIPT} prints; lines of another shape are left out. */
  static List<Nic> parse(String output) {
    List<String[]> links = new ArrayList<>();
    java.util.Map<String, List<Ipv4Cidr>> addresses = new java.util.HashMap<>();
    for (String line : output.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 3 && f[0].equals("addr")) {
        try {
          addresses.computeIfAbsent(f[1], name -> new ArrayList<>()).add(Ipv4Cidr.parse(f[2]));
        } catch (IllegalArgumentException e) {
          // not an IPv4 address with a prefix: nothing of ours
        }
      } else if (f.length == 3 && f[2].matches("0x[0-9a-fA-F]{1,8}")) {
        links.add(f);
      }
    }
    List<Nic> nics = new ArrayList<>();
    for (String[] f : links) {
      nics.add(new Nic(f[0], f[1].toLowerCase(java.util.Locale.ROOT), (Long.decode(f[2]) & 1) != 0,
          addresses.getOrDefault(f[0], List.of())));
    }
    return List.copyOf(nics);
  }

  /** Our NIC in the VM: {@code ethN} when --moby-eth names it, else the one with the shim's MAC. */
  public Optional<Nic> ourNic(Consumer<String> progress) {
    List<Nic> nics = nics(progress);
    if (config.mobyEth().isPresent()) {
      String name = "eth" + config.mobyEth().getAsInt();
      return nics.stream().filter(n -> n.name().equals(name)).findFirst();
    }
    String mac = TapMac.of(config);
    return nics.stream().filter(n -> n.mac().equals(mac)).findFirst();
  }

  /** Describes how our NIC is found, for messages. */
  public String ourNicDescription() {
    return config.mobyEth().isPresent() ? "eth" + config.mobyEth().getAsInt() + " (named by --moby-eth)" : "NIC with MAC " + TapMac.of(config);
  }

  public void setUp(String nic, boolean up, Consumer<String> progress) {
    if (!NIC_NAME.matcher(nic).matches()) {
      throw new IllegalArgumentException("unsafe interface name " + nic);
    }
    HelperRun.Result result = helper(List.of("sh", "-c", up ? SET_UP_SCRIPT : SET_DOWN_SCRIPT, "sh", nic), progress);
    invalidate();
    if (result.exitCode() != 0) {
      throw helperFailed("bring " + nic + (up ? " up" : " down") + " in the VM", result);
    }
  }

  /** Forgets the cached listing (after a restart or a change). */
  public synchronized void invalidate() {
    cached = null;
  }

  private HelperRun.Result helper(List<String> command, Consumer<String> progress) {
    DockerEngine engine = docker.get();
    String image = config.helperImage();
    if (!imageChecked) {
      if (!engine.hasImage(image)) {
        progress.accept("pulling the helper image " + image);
        engine.pull(image);
      }
      imageChecked = true;
    }
    return engine.runHelper(new HelperRun(image, command, true, List.of("NET_ADMIN")));
  }

  private BridgeException helperFailed(String what, HelperRun.Result result) {
    return new BridgeException(ErrorCode.VM_HELPER_FAILED, "could not " + what + ": the helper container (" + config.helperImage() + ") exited with " + result.exitCode()
            + ": " + result.output().strip(),
        "The helper image needs sh and ip (busybox has both); choose one with --helper-image.");
  }
}
