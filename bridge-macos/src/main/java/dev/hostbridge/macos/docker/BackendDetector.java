package dev.hostbridge.macos.docker;

import java.util.Optional;

/**
 * Decides which VM backend a Docker Desktop installation uses, and says why. The tap approach
 * works only with HyperKit, which exists only on Intel Macs; anything else is explained.
 *
 * <p>The order of evidence: the CPU (Apple Silicon never ran HyperKit); an explicit non-HyperKit
 * switch in the settings file; the absence of a hyperkit binary in the app; an explicit HyperKit
 * choice; and finally the defaults of the app's version (the Virtualization framework is the
 * default from Docker Desktop 4.14 on macOS 12.5 and later).
 */
public final class BackendDetector {

  /** The backend, with the evidence for it in words. */
  public record Verdict(VmBackend backend, String evidence) {}

  static final DottedVersion VZ_DEFAULT_SINCE = DottedVersion.of(4, 14);
  static final DottedVersion VZ_DEFAULT_MACOS = DottedVersion.of(12, 5);
  /** Docker for Mac numbered its releases by year (17.06, 18.09) before 2.0; those all ran HyperKit. */
  private static final int FIRST_YEAR_VERSION = 17;

  private BackendDetector() {}

  /** The reason the tap approach cannot work with this installation, or empty when it uses HyperKit. */
  public static Optional<String> unsupportedReason(DockerInstallation installation) {
    if (!installation.appExists()) {
      return Optional.of("there is no Docker Desktop at " + installation.app()
          + "; the tap approach needs Docker Desktop with the HyperKit backend on an Intel Mac");
    }
    Verdict verdict = detect(installation);
    if (verdict.backend() == VmBackend.HYPERKIT) {
      return Optional.empty();
    }
    String cpu = installation.appleSilicon()
        ? "this Mac has Apple Silicon, where Docker Desktop never ran HyperKit and the tuntaposx driver does not exist"
        : "the tap approach needs the HyperKit backend on an Intel Mac";
    return Optional.of(name(installation) + " uses " + verdict.backend().displayName() + " (" + verdict.evidence()
        + "), not HyperKit: " + cpu + hint(installation, verdict));
  }

  public static Verdict detect(DockerInstallation installation) {
    Optional<Verdict> chosen = installation.settings().flatMap(settings -> chosenInSettings(settings, installation.appleSilicon()));
    if (installation.appleSilicon()) {
      return chosen.orElse(new Verdict(VmBackend.VIRTUALIZATION_FRAMEWORK, "the default on Apple Silicon"));
    }
    if (chosen.isPresent() && chosen.get().backend() != VmBackend.HYPERKIT) {
      return chosen.get();
    }
    if (installation.hyperkitBinary().isEmpty()) {
      return new Verdict(VmBackend.VIRTUALIZATION_FRAMEWORK,
          "the app has no hyperkit binary at any of " + String.join(", ", DockerInstallation.HYPERKIT_PATHS));
    }
    if (chosen.isPresent()) {
      return chosen.get();
    }
    return versionDefault(installation);
  }

  private static Optional<Verdict> chosenInSettings(DockerSettings settings, boolean appleSilicon) {
    String where = " in " + settings.file();
    if (settings.flag("UseLibkrun").orElse(false)) {
      return Optional.of(new Verdict(VmBackend.DOCKER_VMM, "UseLibkrun is true" + where));
    }
    // No release is known to write this key (QEMU is "framework off" on Apple Silicon); honoured if present.
    if (settings.flag("useQemu").orElse(false)) {
      return Optional.of(new Verdict(VmBackend.QEMU, "useQemu is true" + where));
    }
    // The framework switch decides when it is there; the VirtioFS hint only when it is not (a
    // settings file may keep VirtioFS on from before the framework was switched off).
    Optional<Boolean> vz = settings.flag("UseVirtualizationFramework");
    if (vz.isPresent()) {
      if (vz.get()) {
        return Optional.of(new Verdict(VmBackend.VIRTUALIZATION_FRAMEWORK, "UseVirtualizationFramework is true" + where));
      }
      // The framework switched off: HyperKit on Intel, QEMU on Apple Silicon.
      return Optional.of(new Verdict(appleSilicon ? VmBackend.QEMU : VmBackend.HYPERKIT,
          "UseVirtualizationFramework is false" + where));
    }
    if (settings.flag("UseVirtualizationFrameworkVirtioFS").orElse(false)) {
      return Optional.of(new Verdict(VmBackend.VIRTUALIZATION_FRAMEWORK,
          "UseVirtualizationFrameworkVirtioFS is true" + where + ", and VirtioFS needs the Virtualization framework"));
    }
    return Optional.empty();
  }

  private static Verdict versionDefault(DockerInstallation installation) {
    Optional<DottedVersion> app = installation.version().flatMap(DottedVersion::parse);
    Optional<DottedVersion> macos = DottedVersion.parse(installation.macosVersion());
    boolean modernApp = app.isPresent() && app.get().major() < FIRST_YEAR_VERSION && app.get().atLeast(VZ_DEFAULT_SINCE);
    boolean modernMacos = macos.isPresent() && macos.get().atLeast(VZ_DEFAULT_MACOS);
    String settingsNote = installation.settingsProblem().map(p -> "; the settings file could not be read: " + p)
        .orElse(installation.settings().isPresent() ? "; the settings file does not choose a backend" : "; there is no settings file");
    if (modernApp && modernMacos) {
      return new Verdict(VmBackend.VIRTUALIZATION_FRAMEWORK, "the default of Docker Desktop 4.14 and later on macOS 12.5 "
          + "and later" + settingsNote);
    }
    return new Verdict(VmBackend.HYPERKIT, "the default of this version on this macOS" + settingsNote);
  }

  private static String name(DockerInstallation installation) {
    return "Docker Desktop" + installation.version().map(v -> " " + v).orElse("") + " at " + installation.app();
  }

  private static String hint(DockerInstallation installation, Verdict verdict) {
    if (installation.appleSilicon() && verdict.backend() == VmBackend.QEMU) {
      return ". Docker Desktop marked its QEMU backend legacy in 4.36 and deprecated it (announced with 4.41, effective "
          + "July 2025), so a coming update may not start this VM at all: open Settings > General, "
          + "choose Apple Virtualization framework (or Docker VMM) as the Virtual Machine Manager, then Apply & restart. "
          + "That keeps Docker working on this Mac, but no backend on Apple Silicon can take a tap device, so "
          + "host-bridge's tap approach cannot serve this Mac whichever you choose.";
    }
    if (installation.appleSilicon()) {
      return ".";
    }
    if (verdict.evidence().startsWith("the app has no hyperkit")) {
      return ". This version no longer ships HyperKit; the tap approach needs an older Docker Desktop that does.";
    }
    return ". In Docker Desktop open Settings > General, choose HyperKit as the Virtual Machine Manager (in older "
        + "versions untick 'Use Virtualization framework'), then Apply & restart.";
  }
}
