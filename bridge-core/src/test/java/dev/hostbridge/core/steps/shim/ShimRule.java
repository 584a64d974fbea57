package dev.hostbridge.core.steps.shim;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shim's rule written a second time, plainly in Java, as the tests' oracle: the lowest PCI
 * slot that no -s uses and that lies above every network device, never 0 or 31; inserted after
 * the last -s argument; nothing added when a virtio-tap for the device is already there.
 */
final class ShimRule {

  private static final Set<String> NETWORK = Set.of("virtio-net", "virtio-tap", "virtio-vpnkit", "virtio-vmnet");

  private ShimRule() {}

  static List<String> expected(List<String> args, String device, String mac) {
    Set<Integer> used = new TreeSet<>();
    int networkMax = 0;
    int last = -1;
    boolean have = false;
    boolean valueNext = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String value;
      if (valueNext) {
        value = arg;
        valueNext = false;
      } else if (arg.equals("-s")) {
        valueNext = true;
        continue;
      } else if (arg.startsWith("-s")) {
        value = arg.substring(2);
      } else {
        continue;
      }
      if (value.isEmpty()) {
        continue;
      }
      last = i;
      String[] fields = value.split(",", -1);
      String[] pci = fields[0].split(":", -1);
      String slotText = pci.length == 3 ? pci[1] : pci[0];
      String emulation = fields.length > 1 ? fields[1] : fields[0];
      if (slotText.matches("[0-9]+") && slotText.replaceFirst("^0+(?=.)", "").length() <= 2) {
        int slot = Integer.parseInt(slotText);
        used.add(slot);
        if (NETWORK.contains(emulation)) {
          networkMax = Math.max(networkMax, slot);
        }
      }
      for (int f = 1; f + 1 < fields.length; f++) {
        if (fields[f].equals("virtio-tap") && fields[f + 1].equals(device)) {
          have = true;
        }
      }
    }
    if (have) {
      return args;
    }
    int free = -1;
    for (int slot = networkMax + 1; slot <= 30; slot++) {
      if (!used.contains(slot)) {
        free = slot;
        break;
      }
    }
    if (free < 0) {
      return args;
    }
    List<String> result = new ArrayList<>(args);
    result.addAll(last + 1, List.of("-s", free + ":0,virtio-tap," + device + ",mac=" + mac));
    return result;
  }
}
