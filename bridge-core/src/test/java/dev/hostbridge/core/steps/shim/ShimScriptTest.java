package dev.hostbridge.core.steps.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the generated shim with real shells (dash, bash in POSIX mode, busybox sh) on every real
 * hyperkit command line, with a stand-in launcher that records the argv it gets.
 */
class ShimScriptTest {

  static final String MAC = "02:5a:11:22:33:44";
  static final Map<String, List<String>> SHELLS = Map.of(
      "dash", List.of("/bin/dash"),
      "bash-posix", List.of("/bin/bash", "--posix"),
      "busybox", List.of("/bin/busybox", "sh"));

  @TempDir Path dir;

  static Stream<Arguments> fixturesAndShells() {
    return HyperkitFixtures.NAMES.stream().flatMap(f -> SHELLS.keySet().stream().sorted().map(s -> Arguments.of(f, s)));
  }

  /** Installs the shim as dir/com.docker.hyperkit and a recording stand-in as ....real; runs it; returns the argv the stand-in got. */
  List<String> runShim(String shell, String device, List<String> args) throws Exception {
    List<String> command = SHELLS.get(shell);
    if (!Files.isExecutable(Path.of(command.get(0)))) {
      if ("true".equals(System.getenv("CI"))) {
        fail(command.get(0) + " is missing, and CI must provide it");
      }
      Assumptions.abort(command.get(0) + " is missing; skipped outside CI");
    }
    Path shim = dir.resolve("com.docker.hyperkit");
    Files.writeString(shim, ShimScript.render(device, MAC));
    Path real = dir.resolve("com.docker.hyperkit.real");
    Path record = dir.resolve("argv");
    Files.writeString(real, "#!/bin/sh\nprintf '%s\\0' \"$@\" > '" + record + "'\n");
    Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.deleteIfExists(record);

    List<String> argv = new ArrayList<>(command);
    argv.add(shim.toString());
    argv.addAll(args);
    Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
    lastStderr = output;
    return recorded(record);
  }

  String lastStderr = "";

  static List<String> recorded(Path record) throws IOException {
    String text = Files.readString(record, StandardCharsets.UTF_8);
    if (text.isEmpty()) {
      return List.of();
    }
    return Arrays.asList(text.substring(0, text.length() - 1).split("\0", -1));
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("fixturesAndShells")
  void everyRealCommandLineGetsExactlyWhatTheRuleSays(String fixture, String shell) throws Exception {
    List<String> args = HyperkitFixtures.arguments(fixture);
    for (String device : List.of("tap1", "tap3")) {
      assertEquals(ShimRule.expected(args, device, MAC), runShim(shell, device, args), fixture + " with " + device);
    }
  }

  static List<String> insertedAfter(List<String> args, String after, String slot, String device) {
    List<String> out = new ArrayList<>(args);
    int at = out.indexOf(after) + 1;
    out.addAll(at, List.of("-s", slot + ":0,virtio-tap," + device + ",mac=" + MAC));
    return out;
  }

  @Test
  void docker2021KexecLayoutGetsSlotFiveAfterTheRandomDevice() throws Exception {
    List<String> args = HyperkitFixtures.arguments("15-jyang060-2021-04-virtio-blk-kexec.txt");
    assertEquals(insertedAfter(args, "4,virtio-rnd", "5", "tap1"), runShim("dash", "tap1", args));
  }

  @Test
  void uefiLayoutSkipsTheDiskInSlotTwo() throws Exception {
    // vpnkit in slot 1, the disk in 2 (where the seed's 2:1 would have gone), 3..7 taken: slot 8
    List<String> args = HyperkitFixtures.arguments("09-ruqin-ps-ef-uefi-qcow2-vms0.txt");
    assertEquals(insertedAfter(args, "7,virtio-9p,path=s51,tag=port", "8", "tap1"), runShim("dash", "tap1", args));
  }

  @Test
  void aTapAlreadyThereForTheDeviceAddsNothing() throws Exception {
    List<String> args = HyperkitFixtures.arguments("07-mal-host-bridge-2-shim-hyperkit.real.txt");
    assertEquals(args, runShim("busybox", "tap1", args));
    List<String> withOurs = runShim("dash", "tap2", args);
    assertEquals(args.size() + 2, withOurs.size(), "another device still gets its own NIC");
    assertEquals(List.of("-s", "1:0,virtio-tap,tap2,mac=" + MAC), runShim("dash", "tap2", List.of()), "no arguments at all");
  }

  @Test
  void aCommandLineWithoutSlotsGetsSlotOneFirst() throws Exception {
    List<String> args = List.of("-A", "-u", "-F", "vms/0/hyperkit.pid");
    List<String> expected = new ArrayList<>(List.of("-s", "1:0,virtio-tap,tap1,mac=" + MAC));
    expected.addAll(args);
    assertEquals(expected, runShim("bash-posix", "tap1", args));
  }

  @Test
  void awkwardArgumentsPassThroughByteIdentical() throws Exception {
    List<String> args = List.of("-s", "0:0,hostbridge", "", " ", "two  spaces", "'single'", "\"double\"", "$(touch /tmp/pwned)",
        "`id`", "back\\slash", "*", "?", "a&b;c", "x=1,y=2", "line\nbreak", "-e", "-n", "--", "-s", "1:0,virtio-vpnkit,path=a b",
        "-s", "31,lpc", "-f", "kexec,/k,/i,earlyprintk=serial console=ttyS0 vpnkit.connect=connect://2/1999", "ünïcödé", "\t");
    for (String shell : SHELLS.keySet()) {
      List<String> got = runShim(shell, "tap1", args);
      assertEquals(insertedAfter(args, "31,lpc", "2", "tap1"), got, shell);
    }
    assertTrue(Files.notExists(Path.of("/tmp/pwned")));
  }

  @Test
  void attachedSlotArgumentsCountToo() throws Exception {
    List<String> args = List.of("-s0:0,hostbridge", "-s1:0,virtio-vpnkit,path=x", "-s2:0,virtio-blk,d", "-s31,lpc");
    List<String> expected = new ArrayList<>(args);
    expected.addAll(List.of("-s", "3:0,virtio-tap,tap1,mac=" + MAC));
    assertEquals(expected, runShim("dash", "tap1", args));
  }

  @Test
  void noFreeSlotLeavesTheArgumentsAloneAndSaysWhy() throws Exception {
    List<String> args = new ArrayList<>(List.of("-s", "0:0,hostbridge", "-s", "29,virtio-vpnkit", "-s", "30,virtio-rnd", "-s", "31,lpc"));
    assertEquals(args, runShim("dash", "tap1", args));
    assertTrue(lastStderr.contains("no free PCI slot above 29"), lastStderr);
  }

  @Test
  void aMissingRealLauncherIsReported() throws Exception {
    Path shim = dir.resolve("launcher");
    Files.writeString(shim, ShimScript.render("tap1", MAC));
    Process process = new ProcessBuilder("/bin/sh", shim.toString()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(127, process.waitFor());
    assertTrue(output.contains(shim + ".real is missing"), output);
  }

  @Test
  void rendersOnlyStrictValues() {
    assertThrows(IllegalArgumentException.class, () -> ShimScript.render("tap1'; reboot; '", MAC));
    assertThrows(IllegalArgumentException.class, () -> ShimScript.render("tap1", "02:5A:11:22:33:44"));
    assertThrows(IllegalArgumentException.class, () -> ShimScript.render("", MAC));
  }

  @Test
  void identifiesItsOwnScripts() {
    assertEquals(Optional.of(new ShimScript.Identity(ShimScript.VERSION, "tap1", MAC)), ShimScript.identify(ShimScript.render("tap1", MAC)));
    assertEquals(Optional.empty(), ShimScript.identify("#!/bin/sh\nexec \"$0.real\" \"$@\"\n"));
  }
}
