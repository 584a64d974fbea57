package dev.hostbridge.core.steps.shim;

import dev.hostbridge.core.steps.TapMac;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The POSIX sh script that stands in for the VM launcher. It adds one
 * {@code -s <slot>:0,virtio-tap,<device>,mac=<mac>} in the lowest free PCI slot above every
 * network device (so the VM's NICs keep their names and ours comes last), passes every other
 * argument through untouched, and execs {@code <its own path>.real}. It uses no arrays, no
 * bash syntax and no external commands: macOS runs /bin/sh as bash 3.2 in POSIX mode, and
 * Debian's is dash.
 */
public final class ShimScript {

  /** Bumped whenever the script's behaviour changes; an older shim of ours is upgraded in place. */
  public static final int VERSION = 1;

  static final String MARKER = "# host-bridge shim v";
  static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9_-]{1,15}");
  private static final Pattern HEADER = Pattern.compile(
      "\\A#![^\n]*\n# host-bridge shim v([0-9]{1,4})\n# device=([A-Za-z0-9_-]{1,15}) mac=([0-9a-f:]{17})\n");

  /** What a shim of ours was written for. */
  public record Identity(int version, String device, String mac) {}

  private ShimScript() {}

  /** The script for this device and MAC; both are checked against strict patterns first. */
  public static String render(String device, String mac) {
    if (!DEVICE.matcher(device).matches()) {
      throw new IllegalArgumentException("device '" + device + "' is not a safe interface name");
    }
    if (!TapMac.FORMAT.matcher(mac).matches()) {
      throw new IllegalArgumentException("mac '" + mac + "' is not a lower-case MAC address");
    }
    return TEMPLATE.replace("@VERSION@", Integer.toString(VERSION)).replace("@DEVICE@", device).replace("@MAC@", mac);
  }

  /** Reads the header of a shim of ours; empty for anything else. */
  public static Optional<Identity> identify(String content) {
    Matcher m = HEADER.matcher(content);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(new Identity(Integer.parseInt(m.group(1)), m.group(2), m.group(3)));
  }

  private static final String TEMPLATE = """
      #!/bin/sh
      # host-bridge shim v@VERSION@
      # device=@DEVICE@ mac=@MAC@
      # host-bridge put this script in place of the Docker VM launcher, which it renamed to
      # "<this file>.real". It adds one virtio-tap NIC for the host's tap device to the
      # launcher's arguments and runs the launcher. Undo it with: host-bridge uninstall
      hb_device='@DEVICE@'
      hb_mac='@MAC@'
      hb_real="$0.real"
      if [ ! -x "$hb_real" ]; then
        echo "host-bridge shim: $hb_real is missing; reinstall Docker Desktop or run host-bridge uninstall" >&2
        exit 127
      fi

      # Pass 1: which PCI slots are taken, the highest network device's slot, and where the
      # last -s argument is (ours goes right after it, among the options).
      hb_used=' '
      hb_netmax=0
      hb_have=
      hb_last=-1
      hb_prev=
      hb_i=0
      for hb_arg do
        hb_value=
        if [ "$hb_prev" = "-s" ]; then
          hb_value=$hb_arg
          hb_arg=
        else
          case $hb_arg in
            -s?*) hb_value=${hb_arg#-s} ;;
          esac
        fi
        if [ -n "$hb_value" ]; then
          hb_last=$hb_i
          hb_pci=${hb_value%%,*}
          hb_rest=${hb_value#*,}
          hb_emu=${hb_rest%%,*}
          case $hb_pci in
            *:*:*) hb_slot=${hb_pci#*:}; hb_slot=${hb_slot%%:*} ;;
            *:*) hb_slot=${hb_pci%%:*} ;;
            *) hb_slot=$hb_pci ;;
          esac
          while :; do
            case $hb_slot in
              0?*) hb_slot=${hb_slot#0} ;;
              *) break ;;
            esac
          done
          case $hb_slot in
            [0-9] | [0-9][0-9]) ;;
            *) hb_slot= ;;
          esac
          if [ -n "$hb_slot" ]; then
            hb_used="$hb_used$hb_slot "
            case $hb_emu in
              virtio-net | virtio-tap | virtio-vpnkit | virtio-vmnet)
                if [ "$hb_slot" -gt "$hb_netmax" ]; then hb_netmax=$hb_slot; fi ;;
            esac
          fi
          case ",$hb_rest," in
            *",virtio-tap,$hb_device,"*) hb_have=yes ;;
          esac
        fi
        hb_prev=$hb_arg
        hb_i=$((hb_i + 1))
      done

      if [ -n "$hb_have" ]; then
        exec "$hb_real" "$@"
      fi

      # Pass 2: the lowest free slot above every network device; never 0 (host bridge) or 31 (lpc).
      hb_slot=$((hb_netmax + 1))
      hb_free=
      while [ "$hb_slot" -le 30 ]; do
        case $hb_used in
          *" $hb_slot "*) ;;
          *) hb_free=$hb_slot; break ;;
        esac
        hb_slot=$((hb_slot + 1))
      done
      if [ -z "$hb_free" ]; then
        echo "host-bridge shim: no free PCI slot above $hb_netmax; starting without the $hb_device device" >&2
        exec "$hb_real" "$@"
      fi
      hb_tap="$hb_free:0,virtio-tap,$hb_device,mac=$hb_mac"

      # Pass 3: rebuild the arguments with ours inserted, every other one passed through as is.
      if [ "$hb_last" -lt 0 ]; then
        set -- -s "$hb_tap" "$@"
      else
        hb_n=$#
        hb_i=0
        while [ "$hb_i" -lt "$hb_n" ]; do
          hb_arg=$1
          shift
          set -- "$@" "$hb_arg"
          if [ "$hb_i" -eq "$hb_last" ]; then
            set -- "$@" -s "$hb_tap"
          fi
          hb_i=$((hb_i + 1))
        done
      fi
      exec "$hb_real" "$@"
      """;
}
