package dev.hostbridge.macos;

import dev.hostbridge.macos.jna.Sysctl;
import java.util.OptionalInt;

/**
 * What host-bridge needs to know about the Mac itself.
 *
 * @param appleSilicon true on an arm64 Mac, even when this JVM is an x86_64 one under Rosetta
 *     (whose {@code os.arch} says x86_64)
 * @param macosVersion the product version, e.g. {@code 13.4.1}
 */
public record MacHost(boolean appleSilicon, String macosVersion) {

  /** Asks the running system: sysctl where it is more reliable than the JVM's properties. */
  public static MacHost detect() {
    String osArch = System.getProperty("os.arch", "");
    OptionalInt arm64 = Sysctl.integer("hw.optional.arm64");
    // A JDK built with an old SDK reports macOS 11 and later as "10.16"; the kernel knows better.
    String version = Sysctl.string("kern.osproductversion").orElse(System.getProperty("os.version", ""));
    return new MacHost(isAppleSilicon(osArch, arm64), version);
  }

  /** {@code hw.optional.arm64} is 1 on Apple Silicon whatever the process's architecture, and absent on Intel. */
  public static boolean isAppleSilicon(String osArch, OptionalInt hwOptionalArm64) {
    return osArch.equals("aarch64") || osArch.equals("arm64") || (hwOptionalArm64.isPresent() && hwOptionalArm64.getAsInt() == 1);
  }
}
