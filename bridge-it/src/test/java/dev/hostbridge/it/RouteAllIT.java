package dev.hostbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code --route-all} with the tap, for real: containers on the default bridge network and on a
 * user-defined one answer from the Mac's namespace by their addresses, through the VM's tap NIC.
 * The lab's engine is older than Engine 28, so for each container the test adds the drop rule
 * Engine 28.2 adds ({@code raw PREROUTING -d <container> ! -i <bridge> -j DROP}): the containers
 * answer only if host-bridge's accept rules come first. While {@code watch} runs, a new network
 * gets its route and loses it when it goes, and a subnet the Mac routes already is refused with
 * a warning. Uninstall leaves no route, rule or address.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RouteAllIT {

  static final String PID = Long.toString(ProcessHandle.current().pid());
  static final String ON_DEFAULT = "hblab-ra-default-" + PID;
  static final String ON_USER = "hblab-ra-user-" + PID;
  static final String ON_NEW = "hblab-ra-new-" + PID;
  static final String USER_NET = "hblab-ra-net-" + PID;
  static final String NEW_NET = "hblab-ra-new-" + PID;
  static final String VPN_NET = "hblab-ra-vpn-" + PID;
  static final String VM_ADDRESS = "10.77.6.254";

  Lab lab;
  String image;
  final List<String> containers = new ArrayList<>();
  final List<String> networks = new ArrayList<>();
  final List<List<String>> dropRules = new ArrayList<>();

  @BeforeAll
  void startLab() throws Exception {
    Requirements.root();
    Requirements.docker();
    TestImage.ensure();
    image = TunnelImage.ensure();
    lab = new Lab("routeall", 6);
    lab.startDocker();
  }

  @AfterAll
  void closeLab() throws Exception {
    for (List<String> rule : dropRules) {
      List<String> delete = new ArrayList<>(rule);
      delete.set(delete.indexOf("-A"), "-D");
      Processes.run(delete);
    }
    for (String container : containers) {
      Processes.run(List.of("docker", "rm", "-f", container));
    }
    if (lab != null) {
      lab.hostBridge("uninstall", "--yes", "--route-all", "--tunnel-image", image);
    }
    for (String network : networks) {
      Processes.run(List.of("docker", "network", "rm", network));
    }
    if (lab != null) {
      lab.close();
    }
  }

  String[] settings(String... extra) {
    List<String> all = new ArrayList<>(List.of("--route-all", "--tunnel-image", image));
    all.addAll(List.of(extra));
    return all.toArray(String[]::new);
  }

  /** A web server on {@code network}, and Engine 28.2's drop rule for its address; returns the address. */
  String webServer(String name, String network) throws Exception {
    containers.add(name);
    Processes.run(List.of("docker", "run", "-d", "--name", name, "--network", network, TestImage.NAME,
        "sh", "-c", "echo hello-from-" + name + " > /www/index.html && exec httpd -f -p 80 -h /www")).expectSuccess();
    String ip = Processes.run(List.of("docker", "inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", name))
        .expectSuccess().stdout().strip();
    String id = Processes.run(List.of("docker", "network", "inspect", "-f", "{{.Id}}", network)).expectSuccess().stdout().strip();
    String bridgeName = network.equals("bridge") ? "docker0" : "br-" + id.substring(0, 12);
    List<String> drop = List.of("iptables", "-w", "-t", "raw", "-A", "PREROUTING", "-d", ip, "!", "-i", bridgeName, "-j", "DROP");
    Processes.run(drop).expectSuccess();
    dropRules.add(drop);
    return ip;
  }

  String network(String name, String subnet) throws Exception {
    networks.add(name);
    Processes.run(List.of("docker", "network", "create", "--subnet", subnet, name)).expectSuccess();
    return name;
  }

  String hostRoutes() throws Exception {
    return lab.inHost("ip", "-4", "route", "show").expectSuccess().stdout();
  }

  @Test
  @Order(1)
  void installRoutesTheDefaultAndAUserDefinedBridgeNetwork() throws Exception {
    String defaultIp = webServer(ON_DEFAULT, "bridge");
    String userIp = webServer(ON_USER, network(USER_NET, "172.29.81.0/24"));
    assertFalse(lab.fetch(defaultIp).exitCode() == 0, "no route before install");

    Processes.Result install = lab.hostBridge("install", settings("--yes"));
    assertEquals(0, install.exitCode(), install.stdout() + install.stderr() + lab.vmLog());
    // Without --route-all: the journal says the installation routes every network.
    Map<String, String> states = lab.stepStates("--tunnel-image", image);
    assertEquals(List.of("route-image", "vm-forward", "host-routes"), new ArrayList<>(states.keySet()).subList(7, 10), states.toString());
    assertTrue(states.values().stream().allMatch("SATISFIED"::equals), states.toString());

    String routes = hostRoutes();
    assertTrue(routes.contains("172.17.0.0/16 via " + VM_ADDRESS + " dev tap1"), routes);
    assertTrue(routes.contains("172.29.81.0/24 via " + VM_ADDRESS + " dev tap1"), routes);
    String nic = Processes.run(List.of("ip", "-4", "-o", "addr", "show", "dev", Lab.vmNicName())).expectSuccess().stdout();
    assertTrue(nic.contains(VM_ADDRESS + "/24"), nic);

    assertEquals("hello-from-" + ON_DEFAULT, lab.fetch(defaultIp).stdout().strip(), lab.vmLog());
    assertEquals("hello-from-" + ON_USER, lab.fetch(userIp).stdout().strip());
    // The packets went through host-bridge's accept rule, ahead of Engine 28's drop rules.
    String raw = Processes.run(List.of("iptables", "-w", "-t", "raw", "-L", "PREROUTING", "-v", "-n", "-x")).expectSuccess().stdout();
    String accept = raw.lines().filter(l -> l.contains("host-bridge:" + Lab.vmNicName())).findFirst().orElseThrow(() -> new AssertionError(raw));
    assertTrue(Long.parseLong(accept.trim().split("\\s+")[0]) > 0, raw);
  }

  @Test
  @Order(2)
  void theWatcherFollowsNetworksAndRefusesAnOverlappingSubnet() throws Exception {
    Path log = lab.dir.resolve("watch-route-all.log");
    Process watch = lab.startHostBridge(log, "watch", settings());
    try {
      LabIT.awaitTrue(() -> Files.readString(log).contains("healthy"), 30, "the watcher's first check", log);

      String newIp = webServer(ON_NEW, network(NEW_NET, "172.29.82.0/24"));
      LabIT.awaitTrue(() -> hostRoutes().contains("172.29.82.0/24 via " + VM_ADDRESS), 30, "the new network's route", log);
      assertEquals("hello-from-" + ON_NEW, lab.fetch(newIp).stdout().strip(), Files.readString(log));

      Processes.run(List.of("docker", "rm", "-f", ON_NEW)).expectSuccess();
      Processes.run(List.of("docker", "network", "rm", NEW_NET)).expectSuccess();
      LabIT.awaitTrue(() -> !hostRoutes().contains("172.29.82.0/24"), 30, "the route of the network that went", log);

      // A VPN on the Mac routes 172.29.96.0/20; a Docker network inside it is not routed over it.
      // (This kernel has no dummy interfaces: a veth pair stands for the VPN's interface.)
      lab.inHost("ip", "link", "add", "hbvpn0", "type", "veth", "peer", "name", "hbvpn1").expectSuccess();
      lab.inHost("ip", "address", "add", "172.29.96.1/20", "dev", "hbvpn0").expectSuccess();
      lab.inHost("ip", "link", "set", "hbvpn1", "up").expectSuccess();
      lab.inHost("ip", "link", "set", "hbvpn0", "up").expectSuccess();
      network(VPN_NET, "172.29.97.0/24");
      LabIT.awaitTrue(() -> Files.readString(log).contains("172.29.97.0/24 (the host routes 172.29.96.0/20 dev hbvpn0)"), 30,
          "the warning naming both", log);
      assertFalse(hostRoutes().contains("172.29.97.0/24"), hostRoutes());
      assertTrue(hostRoutes().contains("172.29.96.0/20 dev hbvpn0"), "the VPN's route is untouched: " + hostRoutes());
    } finally {
      watch.destroy();
      assertTrue(watch.waitFor(15, TimeUnit.SECONDS), "the watcher ends on SIGTERM");
    }
  }

  @Test
  @Order(3)
  void uninstallLeavesNoRouteRuleOrAddress() throws Exception {
    for (String container : List.of(ON_DEFAULT, ON_USER)) {
      Processes.run(List.of("docker", "rm", "-f", container)).expectSuccess();
    }
    Processes.Result uninstall = lab.hostBridge("uninstall", settings("--yes"));
    assertEquals(0, uninstall.exitCode(), uninstall.stdout() + uninstall.stderr());
    assertFalse(hostRoutes().contains("via " + VM_ADDRESS), hostRoutes());
    String nic = Processes.run(List.of("ip", "-4", "-o", "addr", "show", "dev", Lab.vmNicName())).stdout();
    assertFalse(nic.contains(VM_ADDRESS), nic);
    for (String table : List.of("raw", "filter", "nat")) {
      String rules = Processes.run(List.of("iptables", "-w", "-t", table, "-S")).expectSuccess().stdout();
      assertFalse(rules.contains("host-bridge:"), table + ": " + rules);
    }
  }
}
