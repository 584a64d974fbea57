package dev.hostbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive the build made (packaging/make-dist.sh), as a person gets it: its SHA-256
 * file and Homebrew formula agree with it, and its launcher runs unpacked in a directory with
 * spaces in its name, through a symbolic link, making its own class-data-sharing archive there.
 */
class DistributionIT {

  static final String VERSION = System.getProperty("hostbridge.version", "0.1.0-SNAPSHOT");
  static final Path TARGET = Processes.REPO.resolve("bridge-cli/target");
  static final Path ARCHIVE = TARGET.resolve("host-bridge-" + VERSION + ".tar.gz");
  static final Path FORMULA = TARGET.resolve("dist/homebrew/host-bridge.rb");

  @TempDir Path tmp;

  static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (var in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  @Test
  void theChecksumAndTheFormulaAreThoseOfTheArchive() throws Exception {
    String sum = sha256(ARCHIVE);
    assertEquals(sum + "  " + ARCHIVE.getFileName() + "\n", Files.readString(Path.of(ARCHIVE + ".sha256")));
    // The formula as Ruby reads it, through a stand-in for Homebrew's Formula class.
    Path stub = tmp.resolve("formula-values.rb");
    Files.writeString(stub, String.join("\n",
        "class Formula",
        "  class << self",
        "    attr_reader :values",
        "    %i[desc homepage url version sha256 license].each do |name|",
        "      define_method(name) { |value| (@values ||= {})[name] = value }",
        "    end",
        "    def depends_on(*) = nil",
        "    def service(&) = (@values ||= {})[:service] = true",
        "    def test(&) = (@values ||= {})[:test] = true",
        "  end",
        "end",
        "load ARGV[0]",
        "v = HostBridge.values",
        "puts v[:url], v[:version], v[:sha256], v[:license], v[:service], v[:test]",
        "puts HostBridge.instance_methods(false).sort.join(',')", ""));
    if (Processes.run(List.of("sh", "-c", "command -v ruby")).exitCode() != 0) {
      Requirements.unmet("needs ruby to read the Homebrew formula");
    }
    Processes.Result ruby = Processes.run(List.of("ruby", stub.toString(), FORMULA.toString())).expectSuccess();
    List<String> values = ruby.stdout().lines().toList();
    assertEquals(ARCHIVE.toUri().toString(), values.get(0), "url");
    assertEquals(VERSION, values.get(1), "version");
    assertEquals(sum, values.get(2), "sha256");
    assertEquals("MIT", values.get(3));
    assertEquals("true", values.get(4), "a service block");
    assertEquals("true", values.get(5), "a test block");
    assertEquals("caveats,install,post_install", values.get(6));
    // The committed formula is the template of this one: nothing else differs.
    List<String> template = Files.readAllLines(Processes.REPO.resolve("packaging/homebrew/host-bridge.rb"));
    List<String> made = Files.readAllLines(FORMULA);
    assertEquals(template.size(), made.size());
    for (int i = 0; i < template.size(); i++) {
      if (!template.get(i).contains("@")) {
        assertEquals(template.get(i), made.get(i), "line " + (i + 1));
      }
    }
    assertFalse(String.join("\n", made).matches("(?s).*@(URL|VERSION|SHA256)@.*"), "every placeholder is filled");
  }

  @Test
  void unpackedInADirectoryWithSpacesItRunsThroughASymbolicLink() throws Exception {
    Path prefix = tmp.resolve("Program Files/host bridge");
    Files.createDirectories(prefix);
    Processes.run(List.of("tar", "-xzf", ARCHIVE.toString(), "-C", prefix.toString())).expectSuccess();
    Path home = prefix.resolve("host-bridge-" + VERSION);
    for (String entry : List.of("bin/host-bridge", "lib/host-bridge.jar", "lib/host-bridge.jsa", "lib/host-bridge.jsa.key",
        "completions/host-bridge.bash", "host-bridge.conf", "README.md", "LICENSE")) {
      assertTrue(Files.isRegularFile(home.resolve(entry)), entry);
    }
    assertTrue(Files.isExecutable(home.resolve("bin/host-bridge")));
    Path links = tmp.resolve("my bin");
    Files.createDirectories(links);
    Path link = links.resolve("host-bridge");
    Files.createSymbolicLink(link, links.relativize(home.resolve("bin/host-bridge")));
    Path elsewhere = Files.createDirectories(tmp.resolve("work dir"));
    Map<String, String> env = Map.of("HOME", tmp.toString(), "HOST_BRIDGE_STATE_DIR", tmp.resolve("state").toString());

    String shippedKey = Files.readString(home.resolve("lib/host-bridge.jsa.key"));
    Processes.Result version = Processes.run(List.of(link.toString(), "--version"), env, elsewhere).expectSuccess();
    assertTrue(version.stdout().startsWith("host-bridge " + VERSION + "\n"), version.stdout());
    assertEquals("", version.stderr());
    // The shipped archive names the build's path; here the launcher makes its own, in the background.
    String madeKey = awaitNewKey(home, shippedKey);
    Processes.run(List.of("java", "-Xshare:on", "-XX:SharedArchiveFile=" + home.resolve("lib/host-bridge.jsa"),
        "-jar", home.resolve("lib/host-bridge.jar").toString(), "--version"), env, elsewhere).expectSuccess();

    // The shipped completion, run by bash as it would on a Tab.
    String complete = "source \"$0\"; complete_words() { COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); COMP_LINE=\"$*\";"
        + " COMP_POINT=${#COMP_LINE}; _complete_host-bridge 2>/dev/null; echo \"${COMPREPLY[*]}\"; };"
        + " complete_words host-bridge ins; complete_words host-bridge plan --stra; complete_words host-bridge plan --strategy ''";
    Processes.Result completion = Processes.run(List.of("bash", "-c", complete, home.resolve("completions/host-bridge.bash").toString()),
        env, elsewhere).expectSuccess();
    assertEquals(List.of("install", "--strategy"), completion.stdout().lines().limit(2).toList(), completion.stdout());
    Processes.Result doctor = Processes.run(List.of(link.toString(), "doctor", "--json"), env, elsewhere);
    assertEquals("doctor", new com.fasterxml.jackson.databind.ObjectMapper().readTree(doctor.stdout()).path("command").asText(),
        doctor.stdout() + doctor.stderr());

    // Another JDK: the command runs, and the archive is made anew for it.
    Optional<Path> otherJdk = otherJdk();
    if (otherJdk.isPresent()) {
      Map<String, String> withOther = new java.util.HashMap<>(env);
      withOther.put("JAVA_HOME", otherJdk.get().toString());
      Processes.Result other = Processes.run(List.of(link.toString(), "--version"), withOther, elsewhere).expectSuccess();
      assertFalse(other.stdout().contains("Java " + System.getProperty("java.specification.version") + "."), other.stdout());
      assertNotEquals(madeKey, awaitNewKey(home, madeKey));
    }
    // A damaged archive under the right key costs speed, never the command.
    Files.write(home.resolve("lib/host-bridge.jsa"), new byte[4096]);
    Processes.run(List.of(link.toString(), "--version"), env, elsewhere).expectSuccess();
  }

  static String awaitNewKey(Path home, String old) throws Exception {
    Path key = home.resolve("lib/host-bridge.jsa.key");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      String now = Files.exists(key) ? Files.readString(key) : old;
      if (!now.equals(old)) {
        return now;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no class-data-sharing archive was made within 60 s");
  }

  static Optional<Path> otherJdk() throws Exception {
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    Path running = Path.of(System.getProperty("java.home")).toRealPath();
    try (var list = Files.list(jvms)) {
      return list.filter(jdk -> Files.isExecutable(jdk.resolve("bin/java")) && Files.isRegularFile(jdk.resolve("release")))
          .filter(jdk -> {
            try {
              return !jdk.toRealPath().equals(running)
                  && !Files.readString(jdk.resolve("release")).contains("JAVA_VERSION=\"" + System.getProperty("java.version") + "\"");
            } catch (java.io.IOException e) {
              return false;
            }
          }).sorted().findFirst();
    }
  }
}
