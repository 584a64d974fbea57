package dev.hostbridge.macos.privileged;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrivilegeTest {

  static final RootCheck USER = () -> false;
  static final RootCheck ROOT = () -> true;

  @Test
  void linuxIsLeftAsItIsWithoutAskingWhoRuns() {
    RootCheck mustNotBeAsked = () -> {
      throw new AssertionError("the uid matters on macOS only");
    };
    assertEquals(Privilege.DIRECT, Privilege.choose("linux", mustNotBeAsked, Map.of("SUDO_USER", "ada")));
  }

  @Test
  void aUserOnMacosGoesThroughTheHelper() {
    assertEquals(Privilege.HELPER, Privilege.choose("macos", USER, Map.of()));
    // sudo -u ada host-bridge: not root, so still the helper.
    assertEquals(Privilege.HELPER, Privilege.choose("macos", USER, Map.of("SUDO_USER", "bob")));
  }

  @Test
  void rootOnMacosIsDirectAndWarnedAboutOnlyWhenItCameThroughSudo() {
    assertEquals(Privilege.DIRECT, Privilege.choose("macos", ROOT, Map.of()));
    assertEquals(Privilege.DIRECT, Privilege.choose("macos", ROOT, Map.of("SUDO_USER", "root")));
    assertEquals(Privilege.DIRECT, Privilege.choose("macos", ROOT, Map.of("SUDO_USER", "")));
    assertEquals(Privilege.ROOT_THROUGH_SUDO, Privilege.choose("macos", ROOT, Map.of("SUDO_USER", "ada")));
  }
}
