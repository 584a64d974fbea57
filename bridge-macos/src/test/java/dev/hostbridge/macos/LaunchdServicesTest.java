package dev.hostbridge.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.api.ServiceManager;
import dev.hostbridge.core.platform.CommandRunner;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The LaunchDaemon host-bridge writes, parsed back as the XML it must be. */
class LaunchdServicesTest {

  @TempDir Path root;
  final List<List<String>> commands = new ArrayList<>();
  final CommandRunner runner = new CommandRunner(Duration.ofSeconds(30)) {
    @Override
    public Result run(List<String> argv, Duration timeout) {
      commands.add(argv);
      return new Result(0, "");
    }
  };
  LaunchdServices services;

  @org.junit.jupiter.api.BeforeEach
  void create() {
    services = new LaunchdServices(root, runner); // after JUnit has made the temporary root
  }

  static final List<String> ARGV = List.of("/Library/Java/Home/bin/java", "-jar", "/opt/host bridge/host-bridge.jar", "watch",
      "--restart-command", "osascript -e 'quit app \"Docker\"' && open -a <Docker>");

  @Test
  void theDaemonRunsTheWatcherAtLoadAndKeepsItAlive() throws Exception {
    String plist = services.definition(ARGV, Path.of("/Users/ada/Library/Application Support/host-bridge/watch.log"));
    assertTrue(plist.contains(ServiceManager.MARKER), plist);
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    // Apple's DTD is named, never fetched.
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Element dict = (Element) factory.newDocumentBuilder()
        .parse(new ByteArrayInputStream(plist.getBytes(StandardCharsets.UTF_8))).getDocumentElement()
        .getElementsByTagName("dict").item(0);
    List<String> keys = new ArrayList<>();
    NodeList children = dict.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      Node node = children.item(i);
      if (node.getNodeName().equals("key")) {
        keys.add(node.getTextContent());
      }
    }
    assertEquals(List.of("Label", "ProgramArguments", "RunAtLoad", "KeepAlive", "ThrottleInterval", "StandardOutPath",
        "StandardErrorPath"), keys);
    assertEquals(LaunchdServices.LABEL, dict.getElementsByTagName("string").item(0).getTextContent());
    NodeList arguments = ((Element) dict.getElementsByTagName("array").item(0)).getElementsByTagName("string");
    List<String> argv = new ArrayList<>();
    for (int i = 0; i < arguments.getLength(); i++) {
      argv.add(arguments.item(i).getTextContent());
    }
    assertEquals(ARGV, argv, "every word back as it was, quotes and brackets included");
    assertEquals(2, dict.getElementsByTagName("true").getLength(), "RunAtLoad and KeepAlive");
    assertEquals(root.resolve("Library/LaunchDaemons/dev.hostbridge.watch.plist"), services.definitionFile());
  }

  @Test
  void startBootstrapsIntoTheSystemDomainAndStopBootsOut() {
    services.start();
    services.stop();
    assertEquals(List.of(List.of("/bin/launchctl", "bootstrap", "system", services.definitionFile().toString()),
        List.of("/bin/launchctl", "bootout", "system/dev.hostbridge.watch")), commands);
  }
}
