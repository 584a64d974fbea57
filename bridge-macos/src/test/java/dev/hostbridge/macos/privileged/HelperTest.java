package dev.hostbridge.macos.privileged;

import dev.hostbridge.testkit.FakePlatform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.Route;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The helper's protocol, its loop, the user's side of the channel, and the elevated platform. */
class HelperTest {

  static final Ipv4Cidr GATEWAY = Ipv4Cidr.parse("10.0.75.1/24");
  static final Ipv4Cidr SUBNET = Ipv4Cidr.parse("172.18.0.0/16");

  final FakePlatform root = new FakePlatform("recording");

  {
    // The tap that hyperkit opened, as the root platform would find it.
    root.addInterface("tap1", null);
  }


  @Test
  void requestLineIsTheArgvJoinedByTabs() {
    PrivilegedRequest request = PrivilegedRequest.addAddress("tap1", GATEWAY);
    assertEquals("add-address\ttap1\t10.0.75.1/24", HelperProtocol.requestLine(request));
    assertEquals(request, HelperProtocol.parseRequest(HelperProtocol.requestLine(request)));
  }

  @Test
  void errorsSurviveTheLineWithTabsNewlinesAndBackslashes() {
    BridgeException sent = new BridgeException("macos.syscall.eperm", BridgeException.Kind.PLATFORM,
        "a\tb\nc\\d", "line one\nline two");
    String line = HelperProtocol.errorLine(sent);
    assertTrue(!line.contains("\n") && line.split("\t", -1).length == 5, line);
    BridgeException received = HelperProtocol.parseResponse(line).orElseThrow();
    assertEquals(sent.code(), received.code());
    assertEquals(sent.kind(), received.kind());
    assertEquals(sent.getMessage(), received.getMessage());
    assertEquals(sent.remedy(), received.remedy());
  }

  @Test
  void okAndGarbageAnswers() {
    assertEquals(Optional.empty(), HelperProtocol.parseResponse("ok"));
    BridgeException garbage = HelperProtocol.parseResponse("Password:").orElseThrow();
    assertEquals("helper.protocol", garbage.code());
    assertEquals(BridgeException.Kind.INTERNAL, garbage.kind());
  }

  @Test
  void serverAnnouncesItselfAndAnswersEachLine() throws IOException {
    root.failure = null;
    String input = String.join("\n",
        "claim-device\ttap1\talice",
        "add-route\t172.18.0.0/16\tinterface\ttap1",
        "chmod\t777\t/etc",
        "set-link\ttap1\tup") + "\n";
    StringWriter output = new StringWriter();
    new HelperServer(new PrivilegedExecutor(root)).serve(new BufferedReader(new StringReader(input)), output);
    String[] lines = output.toString().split("\n");
    assertEquals(HelperProtocol.BANNER, lines[0]);
    assertEquals("ok", lines[1]);
    assertEquals("ok", lines[2]);
    assertTrue(lines[3].startsWith("error\thelper.refused\t"), lines[3]);
    assertEquals("ok", lines[4], "one refused request does not end the loop");
    assertEquals(List.of("claim tap1 alice", "addRoute " + Route.viaInterface(SUBNET, "tap1"), "setUp tap1 true"), root.calls);
  }

  /** Every malformed request we can think of, each refused without acting, and the loop goes on. */
  @Test
  void malformedRequestsAreRefusedWithoutActingAndTheHelperGoesOn() throws IOException {
    root.failure = null;
    String tenMegabytes = "claim-device\ttap1\t" + "a".repeat(10 * 1024 * 1024);
    List<String> malformed = List.of(
        "format\tdisk0",                              // unknown operation
        "claim-device\ttap1\talice\textra",           // an extra field
        "claim-device\ttap1;id\talice",               // a device that is not one
        "add-address\ttap1\t10.0.75.1/24; reboot",     // an address outside the allowed forms
        "add-address\ttap1\t300.0.75.1/24",
        "install-driver\t/tmp/../etc/tuntap.pkg",      // a path with ..
        "set-link\ttap1",                              // a missing field
        tenMegabytes);                                // a request of 10 MB
    String input = String.join("\n", malformed) + "\nset-link\ttap1\tup\n";
    StringWriter output = new StringWriter();
    new HelperServer(new PrivilegedExecutor(root)).serve(new BufferedReader(new StringReader(input)), output);
    String[] lines = output.toString().split("\n");
    assertEquals(malformed.size() + 2, lines.length, "one answer each, after the banner");
    for (int i = 1; i <= malformed.size(); i++) {
      assertTrue(lines[i].startsWith("error\thelper.refused\t"), i + ": " + lines[i].substring(0, Math.min(200, lines[i].length())));
    }
    assertEquals("ok", lines[malformed.size() + 1], "the helper goes on after them");
    assertEquals(List.of("setUp tap1 true"), root.calls, "none of them reached the platform");
  }

  @Test
  void serverPassesThePlatformsFailureBack() {
    root.failure = new BridgeException("macos.syscall.eexist", BridgeException.Kind.PLATFORM, "exists", "remove it");
    String answer = new HelperServer(new PrivilegedExecutor(root)).handle("add-address\ttap1\t10.0.75.1/24");
    assertEquals("error\tmacos.syscall.eexist\tPLATFORM\texists\tremove it", answer);
  }

  @Test
  void executorRefusesAPackageThatIsALink(@TempDir Path dir) throws IOException {
    Path real = Files.createFile(dir.resolve("real.pkg"));
    Path link = Files.createSymbolicLink(dir.resolve("link.pkg"), real);
    PrivilegedExecutor executor = new PrivilegedExecutor(root);
    assertThrows(BridgeException.class, () -> executor.execute(PrivilegedRequest.installDriver(link)));
    executor.execute(PrivilegedRequest.installDriver(real));
    assertEquals(List.of("installDriver " + real), root.calls);
  }

  @Test
  void channelSendsALineAndRaisesTheAnswer() {
    StringWriter sent = new StringWriter();
    String answers = HelperProtocol.BANNER + "\nok\nerror\tmacos.syscall.eperm\tPLATFORM\tdenied\tuse sudo\n";
    StreamHelperChannel channel = new StreamHelperChannel(new BufferedReader(new StringReader(answers)), sent);
    channel.awaitReady();
    channel.submit(PrivilegedRequest.setLink("tap1", true));
    BridgeException e = assertThrows(BridgeException.class, () -> channel.submit(PrivilegedRequest.releaseDevice("tap1")));
    assertEquals("macos.syscall.eperm", e.code());
    assertEquals("use sudo", e.remedy());
    assertEquals("set-link\ttap1\tup\nrelease-device\ttap1\n", sent.toString());
    BridgeException gone = assertThrows(BridgeException.class, () -> channel.submit(PrivilegedRequest.releaseDevice("tap1")));
    assertEquals("helper.gone", gone.code());
  }

  @Test
  void aHelperThatNeverStartedIsReportedWithWhatToDo() {
    StreamHelperChannel channel = new StreamHelperChannel(new BufferedReader(new StringReader("Sorry, try again.\n")),
        new StringWriter());
    BridgeException e = assertThrows(BridgeException.class, channel::awaitReady);
    assertEquals(BridgeException.Kind.PREREQUISITE, e.kind());
    assertTrue(e.getMessage().contains("Sorry, try again."));
  }

  @Test
  void elevatedPlatformSendsChangesToTheHelperAndKeepsReadsAndDockerLocal() {
    FakePlatform user = new FakePlatform("recording");
    List<PrivilegedRequest> submitted = new ArrayList<>();
    HostPlatform elevated = new ElevatedPlatform(user, submitted::add);

    elevated.tapDevices().owner("tap1");
    elevated.tapDevices().driverPresent();
    elevated.interfaces().find("tap1");
    elevated.routes().lookup(SUBNET);
    elevated.routes().overlapping(SUBNET);
    elevated.dockerVm().restart();
    assertEquals(List.of("owner tap1", "driverPresent", "find tap1", "lookup " + SUBNET, "overlapping " + SUBNET, "restart"), user.calls,
        "the whole table is read locally, not narrowed to the default's one lookup");
    assertTrue(submitted.isEmpty());

    elevated.tapDevices().claim("tap1", "alice");
    elevated.tapDevices().release("tap1");
    elevated.tapDevices().installDriver(Path.of("/tmp/tuntap.pkg"));
    elevated.interfaces().addAddress("tap1", GATEWAY);
    elevated.interfaces().removeAddress("tap1", GATEWAY);
    elevated.interfaces().setUp("tap1", true);
    elevated.routes().add(Route.viaGateway(SUBNET, "10.0.75.2"));
    elevated.routes().delete(Route.viaGateway(SUBNET, "10.0.75.2"));
    assertEquals(List.of("claim-device", "release-device", "install-driver", "add-address", "remove-address", "set-link",
        "add-route", "delete-route"), submitted.stream().map(r -> r.operation().verb()).toList());
    assertEquals(6, user.calls.size(), "no change reached the user's platform directly");
  }

  @Test
  void endToEndTheHelpersFailureArrivesAsTheSameException() throws Exception {
    root.failure = new BridgeException("macos.syscall.eperm", BridgeException.Kind.PLATFORM, "SIOCAIFADDR failed", "root");
    // Run the server over the requests the channel writes, then feed its answers back.
    StringWriter requests = new StringWriter();
    StreamHelperChannel recorder = new StreamHelperChannel(
        new BufferedReader(new StringReader(HelperProtocol.BANNER + "\nok\n")), requests);
    recorder.awaitReady();
    recorder.submit(PrivilegedRequest.addAddress("tap1", GATEWAY));
    StringWriter answers = new StringWriter();
    new HelperServer(new PrivilegedExecutor(root)).serve(new BufferedReader(new StringReader(requests.toString())), answers);
    StreamHelperChannel channel = new StreamHelperChannel(new BufferedReader(new StringReader(answers.toString())),
        new StringWriter());
    channel.awaitReady();
    BridgeException e = assertThrows(BridgeException.class, () -> channel.submit(PrivilegedRequest.addAddress("tap1", GATEWAY)));
    assertEquals("SIOCAIFADDR failed", e.getMessage());
    assertEquals(List.of("addAddress tap1 10.0.75.1/24"), root.calls);
  }
}
