package dev.hostbridge.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The lab's compiled parts, built once per test run with the machine's gcc. */
final class LabBinaries {

  private static Path fakeHyperkit;

  private LabBinaries() {}

  static synchronized Path fakeHyperkit() throws Exception {
    if (fakeHyperkit == null) {
      if (Processes.run(List.of("sh", "-c", "command -v gcc")).exitCode() != 0) {
        Requirements.unmet("needs gcc to build the hyperkit stand-in");
      }
      Path source = Path.of(LabBinaries.class.getResource("/lab/fake-hyperkit.c").toURI());
      Path out = Files.createTempDirectory("hb-lab-bin-").resolve("fake-hyperkit");
      Processes.run(List.of("gcc", "-O2", "-Wall", "-o", out.toString(), source.toString())).expectSuccess();
      out.toFile().deleteOnExit();
      out.getParent().toFile().deleteOnExit();
      fakeHyperkit = out;
    }
    return fakeHyperkit;
  }
}
