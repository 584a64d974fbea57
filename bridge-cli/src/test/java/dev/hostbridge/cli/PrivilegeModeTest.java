package dev.hostbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrivilegeModeTest {

  static final RootCheck USER = () -> false;
  static final RootCheck ROOT = () -> true;

  @Test
  void linuxIsLeftAsItIsWithoutAskingWhoRuns() {
    RootCheck mustNotBeAsked = () -> {
      throw new AssertionError("the uid matters on macOS only");
    };
    assertEquals(PrivilegeMode.DIRECT, PrivilegeMode.choose("linux", mustNotBeAsked, Map.of("SUDO_USER", "ada")));
  }

  @Test
  void aUserOnMacosGoesThroughTheHelper() {
    assertEquals(PrivilegeMode.HELPER, PrivilegeMode.choose("macos", USER, Map.of()));
    // sudo -u ada host-bridge: not root, so still the helper.
    assertEquals(PrivilegeMode.HELPER, PrivilegeMode.choose("macos", USER, Map.of("SUDO_USER", "bob")));
  }

  @Test
  void rootOnMacosIsDirectAndWarnedAboutOnlyWhenItCameThroughSudo() {
    assertEquals(PrivilegeMode.DIRECT, PrivilegeMode.choose("macos", ROOT, Map.of()));
    assertEquals(PrivilegeMode.DIRECT, PrivilegeMode.choose("macos", ROOT, Map.of("SUDO_USER", "root")));
    assertEquals(PrivilegeMode.DIRECT, PrivilegeMode.choose("macos", ROOT, Map.of("SUDO_USER", "")));
    assertEquals(PrivilegeMode.ROOT_THROUGH_SUDO, PrivilegeMode.choose("macos", ROOT, Map.of("SUDO_USER", "ada")));
  }
}
