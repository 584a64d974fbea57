package dev.hostbridge.macos.tap;

/** Facts about the tuntaposx driver that messages and the installer need. */
final class TuntapDriver {

  /** Where tuntaposx installs its tap kext. */
  static final String KEXT = "/Library/Extensions/tap.kext";
  static final String INSTALLER = "/usr/sbin/installer";
  /** macOS 11 and later load kexts with kmutil; kextload remains on older systems. */
  static final String KMUTIL = "/usr/bin/kmutil";
  static final String KEXTLOAD = "/sbin/kextload";

  static final String APPLE_SILICON =
      "tuntaposx is a kernel extension for Intel Macs only; it never worked on Apple Silicon, and Docker "
          + "Desktop never ran HyperKit there, so the tap approach cannot work on this Mac.";

  static final String REMEDY =
      "Install the tuntaposx tap driver (Intel Macs only; it never worked on Apple Silicon): download "
          + "tuntap_20150118.tar.gz from https://tuntaposx.sourceforge.net (or install it with "
          + "'brew install --cask tuntap' where that cask is still available), then run "
          + "'host-bridge install --tuntap-pkg /path/to/tuntap_20150118.pkg'. macOS blocks a new kernel "
          + "extension until you approve it: open System Settings > Privacy & Security (System Preferences > "
          + "Security & Privacy before macOS 13), click Allow next to the message about software from the "
          + "developer 'Mattias Nissler', and restart the Mac if asked. After that /dev/tap0../dev/tap15 exist.";

  static final String APPROVAL_REMEDY =
      "macOS must approve the tap kernel extension first: open System Settings > Privacy & Security (System "
          + "Preferences > Security & Privacy before macOS 13), click Allow next to the blocked system "
          + "software, restart the Mac if asked, then run host-bridge install again.";

  static final String INSTALLED_NOT_LOADED =
      "tuntaposx is installed (" + KEXT + ") but not loaded: macOS loads a new kernel extension only after you "
          + "approve it. Open System Settings > Privacy & Security (System Preferences > Security & Privacy before "
          + "macOS 13), click Allow next to the blocked system software from the developer 'Mattias Nissler', restart "
          + "the Mac if asked, then run host-bridge install again (with --tuntap-pkg it loads the kext itself).";

  private TuntapDriver() {}
}
