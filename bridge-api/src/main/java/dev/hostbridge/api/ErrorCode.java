package dev.hostbridge.api;

import static dev.hostbridge.api.BridgeException.Kind.DOCKER;
import static dev.hostbridge.api.BridgeException.Kind.INTERNAL;
import static dev.hostbridge.api.BridgeException.Kind.PLATFORM;
import static dev.hostbridge.api.BridgeException.Kind.PREREQUISITE;
import static dev.hostbridge.api.BridgeException.Kind.USER;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every error code host-bridge itself raises, with its kind (which decides the command's exit
 * code) and what it means. A code ending in {@code .*} is a family: the rest names the detail (an
 * errno, an option). Plugins raise codes of their own with {@link BridgeException}'s string
 * constructor; this catalogue is host-bridge's, and the README lists it.
 */
public enum ErrorCode {
  // Configuration and usage
  /** A setting's value is not allowed; the rest of the code names the option. */
  CONFIG_INVALID("config.invalid.*", USER, "a setting's value is not allowed; the rest of the code names the option"),
  /** The settings file {@code HOST_BRIDGE_CONFIG} names cannot be used; the message names the line. */
  CONFIG_FILE("config.file", USER, "the settings file HOST_BRIDGE_CONFIG names cannot be used; the message names the line"),
  /** A command that changes the machine has no terminal to ask, and no {@code --yes}. */
  USAGE_CONFIRMATION("usage.confirmation", USER, "a command that changes the machine has no terminal to ask, and no --yes"),
  /** An entry of {@code HOST_BRIDGE_PLUGIN_PATH} is not a jar or a directory. */
  PLUGIN_PATH("plugin.path", USER, "an entry of HOST_BRIDGE_PLUGIN_PATH is not a jar or a directory"),
  /** A step plugin failed to give its steps. */
  PLUGIN_FAILED("plugin.failed", INTERNAL, "a step plugin failed to give its steps"),
  /** No host platform is on the class path. */
  PLATFORM_NONE("platform.none", USER, "no host platform is on the class path"),
  /** The platform asked for does not exist, or does not run on this OS. */
  PLATFORM_UNAVAILABLE("platform.unavailable", USER, "the platform asked for does not exist, or does not run on this OS"),
  /** The user who should own the tap device does not exist. */
  PLATFORM_UNKNOWN_USER("platform.unknown-user", USER, "the user who should own the tap device does not exist"),

  // The engine: plan, run, journal, state
  /** {@code install} found steps a person must unblock first; nothing was changed. */
  PLAN_BLOCKED("plan.blocked", PREREQUISITE, "install found steps a person must unblock first; nothing was changed"),
  /** The steps' dependencies form a cycle. */
  PLAN_CYCLE("plan.cycle", INTERNAL, "the steps' dependencies form a cycle"),
  /** Two steps have the same id. */
  PLAN_DUPLICATE_STEP("plan.duplicate-step", INTERNAL, "two steps have the same id"),
  /** A step depends on a step that is not there. */
  PLAN_MISSING_DEPENDENCY("plan.missing-dependency", INTERNAL, "a step depends on a step that is not there"),
  /** A step's probe failed unexpectedly. */
  STEP_CHECK_FAILED("step.check-failed", INTERNAL, "a step's probe failed unexpectedly"),
  /** A step's change failed unexpectedly. */
  STEP_APPLY_FAILED("step.apply-failed", INTERNAL, "a step's change failed unexpectedly"),
  /** Undoing a step's change failed unexpectedly. */
  STEP_REVERT_FAILED("step.revert-failed", INTERNAL, "undoing a step's change failed unexpectedly"),
  /** {@code uninstall} could not undo every change; the journal keeps the rest (its kind is that of the first failure). */
  UNINSTALL_INCOMPLETE("uninstall.incomplete", PLATFORM, "uninstall could not undo every change; the journal keeps the rest (its kind is that of the first failure)"),
  /** Releasing a resource at the end of a run failed. */
  CLOSE_FAILED("close.failed", INTERNAL, "releasing a resource at the end of a run failed"),
  /** The run was interrupted while it waited. */
  INTERRUPTED("interrupted", INTERNAL, "the run was interrupted while it waited"),
  /** The journal file cannot be read. */
  JOURNAL_UNREADABLE("journal.unreadable", PLATFORM, "the journal file cannot be read"),
  /** The journal file is not in host-bridge's format. */
  JOURNAL_CORRUPT("journal.corrupt", PLATFORM, "the journal file is not in host-bridge's format"),
  /** The journal file cannot be written. */
  JOURNAL_UNWRITABLE("journal.unwritable", PLATFORM, "the journal file cannot be written"),
  /** A value in the journal is not one host-bridge would accept from the command line (edited?); that entry is not acted on. */
  JOURNAL_INVALID_RECORD("journal.invalid-record", PLATFORM,
      "a value in the journal is not one host-bridge would accept from the command line (edited?); that entry is not acted on"),
  /** The journal belongs to an installation with another device, network or launcher; uninstall it first. */
  JOURNAL_OTHER_INSTALLATION("journal.other-installation", USER,
      "the journal belongs to an installation with another device, network or launcher; uninstall it first"),
  /** The journal names a step that this host-bridge does not have. */
  JOURNAL_UNKNOWN_STEP("journal.unknown-step", USER, "the journal names a step that this host-bridge does not have"),
  /** Another host-bridge run held the state directory's lock for longer than the wait; the message names it. */
  STATE_LOCKED("state.locked", PLATFORM, "another host-bridge run held the state directory's lock for longer than the wait; the message names it"),
  /** The state directory cannot be created or written. */
  STATE_UNWRITABLE("state.unwritable", PLATFORM, "the state directory cannot be created or written"),
  /** A system program could not be started. */
  COMMAND_NOT_STARTED("command.not-started", PLATFORM, "a system program could not be started"),
  /** A system program did not finish in time and was stopped. */
  COMMAND_TIMEOUT("command.timeout", PLATFORM, "a system program did not finish in time and was stopped"),
  /** Waiting for a system program was interrupted. */
  COMMAND_INTERRUPTED("command.interrupted", INTERNAL, "waiting for a system program was interrupted"),
  /** A system program exited with an error. */
  COMMAND_FAILED("command.failed", PLATFORM, "a system program exited with an error"),
  /** The platform cannot be told of interface changes. */
  WATCH_UNSUPPORTED("watch.unsupported", PREREQUISITE, "the platform cannot be told of interface changes"),
  /** The WireGuard configuration file cannot be read or is not valid; the message names the line. */
  WIREGUARD_CONFIG("wireguard.config", USER, "the WireGuard configuration file cannot be read or is not valid; the message names the line"),
  /** The WireGuard endpoint could not listen on its UDP port or send. */
  WIREGUARD_FAILED("wireguard.failed", PLATFORM, "the WireGuard endpoint could not listen on its UDP port or send"),
  /** No WireGuard interface of that name answers on its userspace-API socket. */
  WIREGUARD_NOT_RUNNING("wireguard.not-running", PREREQUISITE, "no WireGuard interface of that name answers on its userspace-API socket"),
  /** The host's tunnel key in the state directory cannot be read or written. */
  TUNNEL_KEY("tunnel.key", PLATFORM, "the host's tunnel key in the state directory cannot be read or written"),
  /** The image given with {@code --tunnel-image} is not in the engine. */
  TUNNEL_IMAGE_MISSING("tunnel.image-missing", PREREQUISITE, "the image given with --tunnel-image is not in the engine"),
  /** The VM side of the tunnel could not be set up; the message has the helper's answer. */
  TUNNEL_VM_FAILED("tunnel.vm-failed", DOCKER, "the VM side of the tunnel could not be set up; the message has the helper's answer"),
  /** Docker in the VM uses its nftables firewall backend, which host-bridge's rules do not reach. */
  TUNNEL_NFTABLES("tunnel.nftables", PREREQUISITE, "Docker in the VM uses its nftables firewall backend, which host-bridge's rules do not reach"),
  /** The tunnel lives in {@code host-bridge watch}, and no watcher runs it. */
  TUNNEL_NOT_HOSTED("tunnel.not-hosted", PREREQUISITE, "the tunnel lives in host-bridge watch, and no watcher runs it"),
  /** The platform cannot make tunnel (utun or TUN) devices. */
  TUNNEL_UNSUPPORTED("tunnel.unsupported", PREREQUISITE, "the platform cannot make tunnel (utun or TUN) devices"),
  /** Another watcher already serves this state directory. */
  WATCH_RUNNING("watch.running", USER, "another watcher already serves this state directory"),
  /** The watcher cannot listen for changes or serve its control socket. */
  WATCH_FAILED("watch.failed", PLATFORM, "the watcher cannot listen for changes or serve its control socket"),
  /** This machine has no service manager host-bridge can use (no systemd). */
  SERVICE_UNAVAILABLE("service.unavailable", PREREQUISITE, "this machine has no service manager host-bridge can use (no systemd)"),
  /** A service definition that host-bridge did not write is in the way. */
  SERVICE_FOREIGN("service.foreign", USER, "a service definition that host-bridge did not write is in the way"),
  /** The directory for the service's copy of host-bridge can be written by others than root. */
  SERVICE_PROGRAM_UNSAFE("service.program-unsafe", PREREQUISITE, "the directory for the service's copy of host-bridge can be written by others than root"),
  /** The service manager did not load, start or stop the service. */
  SERVICE_FAILED("service.failed", PLATFORM, "the service manager did not load, start or stop the service"),
  /** The watcher's control socket takes only read-only requests it knows. */
  CONTROL_REFUSED("control.refused", USER, "the watcher's control socket takes only read-only requests it knows"),

  // Docker
  /** No Docker engine answered; the message lists every attempt. */
  DOCKER_UNREACHABLE("docker.unreachable", DOCKER, "no Docker engine answered; the message lists every attempt"),
  /** The engine answered a request with an error. */
  DOCKER_REQUEST_FAILED("docker.request-failed", DOCKER, "the engine answered a request with an error"),
  /** The engine could not pull the helper image (offline?). */
  DOCKER_PULL_FAILED("docker.pull-failed", PREREQUISITE, "the engine could not pull the helper image (offline?)"),
  /** Docker did not come back in time after a restart. */
  DOCKER_RESTART_TIMEOUT("docker.restart-timeout", DOCKER, "Docker did not come back in time after a restart"),
  /** A network of that name exists and does not fit (driver, parent, subnet, gateway). */
  NETWORK_CONFLICT("network.conflict", USER, "a network of that name exists and does not fit (driver, parent, subnet, gateway)"),
  /** The network still has containers, so it is not removed. */
  NETWORK_IN_USE("network.in-use", USER, "the network still has containers, so it is not removed"),
  /** The Docker network is gone. */
  NETWORK_MISSING("network.missing", DOCKER, "the Docker network is gone"),
  /** The network has no IPv4 gateway for the host to take. */
  NETWORK_NO_GATEWAY("network.no-gateway", USER, "the network has no IPv4 gateway for the host to take"),
  /** The helper container that looks into the VM failed. */
  VM_HELPER_FAILED("vm.helper-failed", DOCKER, "the helper container that looks into the VM failed"),
  /** The VM has no NIC with the shim's MAC. */
  VM_NO_TAP_NIC("vm.no-tap-nic", PLATFORM, "the VM has no NIC with the shim's MAC"),
  /** With {@code --route-all}: the VM's tap NIC could not be set up to forward; the message has the helper's answer. */
  VM_FORWARD_FAILED("vm.forward-failed", DOCKER, "--route-all: the VM's tap NIC could not be set up to forward; the message has the helper's answer"),
  /** With {@code --route-all}: the tap's subnet has no address left for the VM's tap NIC. */
  VM_NO_FREE_ADDRESS("vm.no-free-address", USER, "--route-all: the tap's subnet has no address left for the VM's tap NIC"),

  // The seed's steps
  /** The tap driver was installed but is not loaded. */
  DRIVER_NOT_LOADED("driver.not-loaded", PREREQUISITE, "the tap driver was installed but is not loaded"),
  /** The host has no tap interface to give the address to. */
  HOST_NO_TAP("host.no-tap", PLATFORM, "the host has no tap interface to give the address to"),
  /** The VM launcher is not Docker's nor our shim (another tool's shim?). */
  LAUNCHER_CHANGED("launcher.changed", USER, "the VM launcher is not Docker's nor our shim (another tool's shim?)"),
  /** The launcher or Docker.app is a symbolic link, or its directory is writable by others. */
  LAUNCHER_UNSAFE("launcher.unsafe", USER, "the launcher or Docker.app is a symbolic link, or its directory is writable by others"),
  /** The VM launcher cannot be read. */
  LAUNCHER_UNREADABLE("launcher.unreadable", PLATFORM, "the VM launcher cannot be read"),
  /** The shim could not be written. */
  LAUNCHER_WRITE_FAILED("launcher.write-failed", PLATFORM, "the shim could not be written"),
  /** The original launcher (.real) is not where the journal says. */
  LAUNCHER_ORIGINAL_MISSING("launcher.original-missing", PLATFORM, "the original launcher (.real) is not where the journal says"),
  /** The original launcher's checksum is not the journaled one. */
  LAUNCHER_CHECKSUM_MISMATCH("launcher.checksum-mismatch", PLATFORM, "the original launcher's checksum is not the journaled one"),
  /** The original launcher could not be renamed back. */
  LAUNCHER_RESTORE_FAILED("launcher.restore-failed", PLATFORM, "the original launcher could not be renamed back"),

  // The Linux platform
  /** A Linux system call failed; the rest of the code is the errno. */
  LINUX_ERRNO("platform.linux.errno.*", PLATFORM, "a Linux system call failed; the rest of the code is the errno"),
  /** An interface's sysfs entry cannot be read. */
  LINUX_INTERFACES("platform.linux.interfaces", PLATFORM, "an interface's sysfs entry cannot be read"),
  /** There is no interface of that name. */
  LINUX_NO_INTERFACE("platform.linux.no-interface", PLATFORM, "there is no interface of that name"),
  /** The routing table cannot be read. */
  LINUX_ROUTES("platform.linux.routes", PLATFORM, "the routing table cannot be read"),
  /** Linux has no tap driver package to install. */
  LINUX_NO_INSTALLER("platform.linux.no-installer", USER, "Linux has no tap driver package to install"),
  /** The device named is an interface but not a tap. */
  LINUX_NOT_A_TAP("platform.linux.not-a-tap", USER, "the device named is an interface but not a tap"),
  /** The kernel's {@code sysfs} cannot be read. */
  LINUX_SYSFS("platform.linux.sysfs", PLATFORM, "sysfs cannot be read"),
  /** Restarting the Docker VM needs {@code --restart-command} on Linux. */
  LINUX_NO_RESTART_COMMAND("platform.linux.no-restart-command", USER, "restarting the Docker VM needs --restart-command on Linux"),

  // The macOS platform
  /** A macOS system call failed; the rest of the code is the errno's name. */
  MACOS_SYSCALL("macos.syscall.*", PLATFORM, "a macOS system call failed; the rest of the code is the errno's name"),
  /** The restart command failed. */
  MACOS_DOCKER_RESTART_FAILED("macos.docker.restart-failed", DOCKER, "the restart command failed"),
  /** Docker Desktop could not be asked to quit. */
  MACOS_DOCKER_QUIT_FAILED("macos.docker.quit-failed", DOCKER, "Docker Desktop could not be asked to quit"),
  /** Docker Desktop did not quit in time. */
  MACOS_DOCKER_QUIT_TIMEOUT("macos.docker.quit-timeout", DOCKER, "Docker Desktop did not quit in time"),
  /** Docker Desktop could not be opened. */
  MACOS_DOCKER_OPEN_FAILED("macos.docker.open-failed", DOCKER, "Docker Desktop could not be opened"),
  /** Waiting for Docker Desktop was interrupted. */
  MACOS_DOCKER_INTERRUPTED("macos.docker.interrupted", DOCKER, "waiting for Docker Desktop was interrupted"),
  /** The kernel did not answer a route lookup. */
  MACOS_ROUTE_NO_ANSWER("macos.route.no-answer", PLATFORM, "the kernel did not answer a route lookup"),
  /** A route was asked for with both a gateway and an interface, or neither. */
  MACOS_ROUTE_INVALID("macos.route.invalid", INTERNAL, "a route was asked for with both a gateway and an interface, or neither"),
  /** A route's gateway is not an IPv4 address. */
  MACOS_ROUTE_BAD_GATEWAY("macos.route.bad-gateway", USER, "a route's gateway is not an IPv4 address"),
  /** A route out of an interface that does not exist. */
  MACOS_ROUTE_NO_INTERFACE("macos.route.no-interface", PREREQUISITE, "a route out of an interface that does not exist"),
  /** A route out of an interface that has no IPv4 address yet. */
  MACOS_ROUTE_NO_ADDRESS("macos.route.no-address", PREREQUISITE, "a route out of an interface that has no IPv4 address yet"),
  /** The tuntaposx driver cannot run on Apple Silicon. */
  MACOS_TUNTAP_UNSUPPORTED("macos.tuntap.unsupported", PREREQUISITE, "tuntaposx cannot run on Apple Silicon"),
  /** The installer package that {@code --tuntap-pkg} names is not there. */
  MACOS_TUNTAP_NO_PACKAGE("macos.tuntap.no-package", USER, "--tuntap-pkg names no file"),
  /** The macOS {@code installer} failed and left no kext. */
  MACOS_TUNTAP_INSTALL_FAILED("macos.tuntap.install-failed", PLATFORM, "installer failed and left no kext"),
  /** The kext is installed but macOS waits for your approval. */
  MACOS_TUNTAP_NOT_APPROVED("macos.tuntap.not-approved", PREREQUISITE, "the kext is installed but macOS waits for your approval"),
  /** macOS refused to load the kext (approval pending?). */
  MACOS_TUNTAP_LOAD_FAILED("macos.tuntap.load-failed", PREREQUISITE, "macOS refused to load the kext (approval pending?)"),
  /** The device {@code /dev/tapN} is not there: the driver is not loaded. */
  MACOS_TUNTAP_NO_DEVICE("macos.tuntap.no-device", PREREQUISITE, "/dev/tapN is not there: the driver is not loaded"),
  /** The device is not one of tap0..tap15. */
  MACOS_TUNTAP_BAD_DEVICE("macos.tuntap.bad-device", USER, "the device is not one of tap0..tap15"),
  /** Changing the device's owner was refused. */
  MACOS_TUNTAP_PERMISSION("macos.tuntap.permission", PLATFORM, "changing the device's owner was refused"),
  /** Reading or changing the device failed. */
  MACOS_TUNTAP_IO("macos.tuntap.io", PLATFORM, "reading or changing the device failed"),
  /** The user who should own the tap device does not exist. */
  MACOS_USER_UNKNOWN("macos.user.unknown", USER, "the user who should own the tap device does not exist"),
  /** The root helper's classes are not in jars sudo can start. */
  HELPER_NO_CLASS_PATH("helper.no-class-path", PREREQUISITE, "the root helper's classes are not in jars sudo can start"),
  /** The root helper could not be started through sudo. */
  HELPER_UNAVAILABLE("helper.unavailable", PREREQUISITE, "the root helper could not be started through sudo"),
  /** {@code sudo} needs a password and there is no terminal to ask it. */
  HELPER_NO_TERMINAL("helper.no-terminal", PREREQUISITE, "sudo needs a password and there is no terminal to ask it"),
  /** The root helper answered something that is not its protocol. */
  HELPER_PROTOCOL("helper.protocol", INTERNAL, "the root helper answered something that is not its protocol"),
  /** The helper refused an installer package that is not a plain .pkg file. */
  HELPER_PACKAGE("helper.package", USER, "the helper refused an installer package that is not a plain .pkg file"),
  /** The helper refused a request that is not one of its forms. */
  HELPER_REFUSED("helper.refused", INTERNAL, "the helper refused a request that is not one of its forms"),
  /** The helper failed unexpectedly while serving a request. */
  HELPER_FAILED("helper.failed", INTERNAL, "the helper failed unexpectedly while serving a request"),
  /** The root helper stopped before it answered. */
  HELPER_GONE("helper.gone", PLATFORM, "the root helper stopped before it answered");

  private final String code;
  private final BridgeException.Kind kind;
  private final String meaning;

  ErrorCode(String code, BridgeException.Kind kind, String meaning) {
    this.code = code;
    this.kind = kind;
    this.meaning = meaning;
  }

  /**
   * The code as it is printed and in {@code --json}; a family ends in {@code .*}.
   *
   * @return the dotted code, e.g. {@code docker.unreachable}
   */
  public String code() {
    return code;
  }

  /**
   * Who has to act on a failure with this code; it decides the command's exit code.
   *
   * @return the kind
   */
  public BridgeException.Kind kind() {
    return kind;
  }

  /**
   * What the code means, in one line for people.
   *
   * @return the meaning, as the README's catalogue gives it
   */
  public String meaning() {
    return meaning;
  }

  /**
   * Whether this is a family of codes ({@code macos.syscall.*}).
   *
   * @return true when the code ends in {@code .*}
   */
  public boolean isFamily() {
    return code.endsWith(".*");
  }

  /**
   * A family's code for one detail, e.g. {@code macos.syscall.eperm}.
   *
   * @param detail what takes the place of the {@code *}, e.g. {@code eperm}
   * @return the family's code with the detail
   * @throws IllegalStateException when this is not a family
   */
  public String code(String detail) {
    if (!isFamily()) {
      throw new IllegalStateException(code + " is not a family of codes");
    }
    return code.substring(0, code.length() - 1) + detail;
  }

  /**
   * The catalogue entry of a code that host-bridge raised, families included.
   *
   * @param code a code as printed, e.g. {@code docker.unreachable} or {@code macos.syscall.eperm}
   * @return the entry, or the family's for a code of a family; empty when the catalogue has no
   *     such code (a plugin's own, say)
   */
  public static Optional<ErrorCode> of(String code) {
    return Arrays.stream(values())
        .filter(e -> e.isFamily() ? code.startsWith(e.code.substring(0, e.code.length() - 1)) : e.code.equals(code))
        .findFirst();
  }
}
