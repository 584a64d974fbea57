package dev.hostbridge.macos.privileged;

import dev.hostbridge.api.BridgeConfig;
import java.util.Map;

/** How this run reaches the operations that need root. */
enum Privilege {
  /** The platform as it is: Linux (the lab runs as root), or root on macOS without sudo. */
  DIRECT,
  /** macOS as a user: the changes that need root go to the helper that sudo starts. */
  HELPER,
  /** macOS as root through sudo: it works, but more runs as root than needs to; say so. */
  ROOT_THROUGH_SUDO;

  /** {@code root} is asked only on macOS: elsewhere the answer changes nothing. */
  static Privilege choose(String platformName, RootCheck root, Map<String, String> environment) {
    if (!BridgeConfig.PLATFORM_MACOS.equals(platformName)) {
      return DIRECT;
    }
    if (!root.isRoot()) {
      return HELPER;
    }
    return sudoUser(environment).isEmpty() ? DIRECT : ROOT_THROUGH_SUDO;
  }

  /** The user who ran sudo; empty when there is none, or it was root itself (as BridgeConfig reads it). */
  static String sudoUser(Map<String, String> environment) {
    String user = environment.getOrDefault("SUDO_USER", "");
    return user.equals("root") ? "" : user;
  }
}
