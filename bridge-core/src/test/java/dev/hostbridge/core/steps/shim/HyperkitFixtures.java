package dev.hostbridge.core.steps.shim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The real hyperkit command lines in test resources: each file's arguments after argv[0]. */
final class HyperkitFixtures {

  static final List<String> NAMES = List.of(
      "01-dockerforums-17835-virtio-tap-manual.txt",
      "02-moby-hyperkit-pr59-launched-2016-09.txt",
      "03-bryanhelmig-crash-repro-2016-10-06.txt",
      "04-docker-for-mac-1186-v1.13.0.txt",
      "05-gessnerfl-mysql-jdbc-benchmark-17.03.0-ce.txt",
      "06-docker-for-mac-155-artemkaint-manual-virtio-tap.txt",
      "07-mal-host-bridge-2-shim-hyperkit.real.txt",
      "08-risarora-greatlake-ccp-17.x-ps.txt",
      "09-ruqin-ps-ef-uefi-qcow2-vms0.txt",
      "10-feilong-blog-2018-09-raw-docker-for-mac-iso.txt",
      "11-bensallen-hyperkit_demo-docker4mac-example.txt",
      "12-docker-tuntap-osx-31-shim-original.txt",
      "13-docker-tuntap-osx-33-hyperkit-json.txt",
      "14-mohammedsiddiq-fall2019-docker-desktop-iso.txt",
      "15-jyang060-2021-04-virtio-blk-kexec.txt",
      "16-jtigger-devsecops-pkm-hyperkit-md.txt",
      "17-druid-io-docker-druid-readme-2017.txt",
      "18-rafal-ps-aux-truncated.txt",
      "19-formplus-2022-02-ps-truncated.txt");

  private HyperkitFixtures() {}

  /** The arguments the launcher was given, without argv[0]. */
  static List<String> arguments(String name) {
    try (InputStream in = HyperkitFixtures.class.getResourceAsStream("/hyperkit-argv/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      List<String> lines = Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
      int start = -1;
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).startsWith("# ---- ARGUMENTS")) {
          start = i + 2; // skip the header and argv[0]
        }
      }
      if (start < 0) {
        throw new IllegalStateException(name + " has no ARGUMENTS section");
      }
      List<String> args = new ArrayList<>();
      for (String line : lines.subList(start, lines.size())) {
        if (!line.isEmpty()) {
          args.add(line);
        }
      }
      return args;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
