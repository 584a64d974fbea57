package dev.hostbridge.it;

import static dev.hostbridge.it.TunnelLab.awaitLog;
import static dev.hostbridge.it.TunnelLab.awaitTrue;
import static dev.hostbridge.it.TunnelLab.nameOf;
import static dev.hostbridge.it.TunnelLab.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tunnel strategy end to end, in the lab ({@link TunnelLab}): containers on the default bridge,
 * on a user-defined bridge, on an {@code --internal} network and on a macvlan network answer HTTP
 * from the Mac's namespace by their IP, under the drop rules of Engine 28.
 */
class TunnelLabIT {

  private TunnelLab lab;

  @BeforeEach
  void lab() throws Exception {
    lab = new TunnelLab();
  }

  @AfterEach
  void cleanUp() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void containersOnEveryKindOfNetworkAnswerTheHostByIpAndUninstallLeavesNothing() throws Exception {
    Map<String, String> web = new LinkedHashMap<>();
    web.put("bridge", lab.startWeb("bridge", "default"));
    web.put(lab.user, lab.startWeb(lab.user, "user"));
    web.put(lab.internal, lab.startWeb(lab.internal, "internal"));
    web.put(lab.macvlan, lab.startWeb(lab.macvlan, "macvlan"));

    Path log = lab.dir.resolve("watch.log");
    Process watch = lab.startWatch(log);
    awaitLog(log, "healthy", 90);

    for (Map.Entry<String, String> entry : web.entrySet()) {
      String ip = entry.getValue();
      assertEquals(nameOf(entry.getKey()), lab.fetch(ip), "the container on " + entry.getKey() + " at " + ip + " answers");
    }
    String routes = lab.inHost("ip", "route").stdout();
    assertTrue(routes.contains("dev hbtun0"), routes);

    // doctor looks into the VM for the tunnel: no WireGuard in this kernel, the iptables Docker uses, the endpoint.
    Processes.Result doctor = lab.hostBridge("doctor", "--json");
    assertEquals(0, doctor.exitCode(), doctor.stdout() + doctor.stderr());
    assertTrue(doctor.stdout().contains("the VM's kernel has no WireGuard; the VM side runs wireguard-go"), doctor.stdout());
    assertTrue(doctor.stdout().contains("holds Docker's chains"), doctor.stdout());
    assertTrue(doctor.stdout().contains("10.195.0.2 is 10.195.0.2 as the VM sees it"), doctor.stdout());

    // A network made while the watcher runs is routed within seconds; removed, its route goes.
    sh("docker", "network", "create", "--subnet", "10.196.77.0/24", lab.later);
    String lateIp = lab.startWeb(lab.later, "later");
    long start = System.nanoTime();
    awaitTrue(() -> nameOf(lab.later).equals(lab.fetchQuietly(lateIp)), 20, "the new network's container answers", log);
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println("tunnel lab: a new network answered after " + millis + " ms");
    lab.removeLastWeb();
    sh("docker", "network", "rm", lab.later);
    awaitTrue(() -> !lab.inHost("ip", "route").stdout().contains("10.196.77.0/24"), 20, "the removed network's route goes", log);

    // The VM side torn down heals without a command.
    sh("sh", "-c", "docker ps -aq --filter label=dev.hostbridge.tunnel=hbtun0 | xargs -r docker rm -f");
    Processes.run(List.of("ip", "link", "del", "hbtun0"));
    awaitTrue(() -> nameOf(lab.user).equals(lab.fetchQuietly(web.get(lab.user))), 150, "the tunnel is back by itself", log);

    watch.destroy(); // SIGTERM: the host side goes with the watcher, the rest stays installed
    assertTrue(watch.waitFor(20, TimeUnit.SECONDS));
    assertFalse(lab.inHost("ip", "link").stdout().contains("hbtun0"), "the host's end went with the watcher");

    // A watcher started again (a reboot, a service restart) takes over the VM side left running.
    Path again = lab.dir.resolve("watch-again.log");
    watch = lab.startWatch(again);
    awaitLog(again, "healthy", 90);
    assertEquals(nameOf(lab.user), lab.fetch(web.get(lab.user)), "the tunnel works again after the watcher's restart");

    // install --rekey: a new host key; the watcher takes it up and the VM side learns it.
    Processes.Result rekey = lab.hostBridge("install", "--rekey", "--yes");
    assertEquals(0, rekey.exitCode(), rekey.stdout() + rekey.stderr());
    String newKey = rekey.stdout().replaceAll("(?s).*the tunnel's new public key is (\\S+).*", "$1").strip();
    // (the helper is replaced meanwhile: an exec into the one that is going fails, and is tried again)
    awaitTrue(() -> Processes.run(List.of("sh", "-c",
            "docker exec $(docker ps -q --filter label=dev.hostbridge.tunnel=hbtun0) wg show hbtun0 peers"))
        .stdout().strip().equals(newKey), 60, "the VM's peer is the new key", again);
    awaitTrue(() -> nameOf(lab.user).equals(lab.fetchQuietly(web.get(lab.user))), 30, "the tunnel works with the new key", again);
    watch.destroy();
    assertTrue(watch.waitFor(20, TimeUnit.SECONDS));

    Processes.Result uninstall = lab.hostBridge("uninstall", "--yes");
    assertEquals(0, uninstall.exitCode(), uninstall.stdout() + uninstall.stderr());
    assertNothingLeft(lab, "");
  }

  /** What uninstall must leave of the tunnel: nothing, in the VM or on the host. */
  static void assertNothingLeft(TunnelLab lab, String when) throws Exception {
    assertFalse(Processes.run(List.of("ip", "link")).stdout().contains("hbtun0"), when + "the VM's end is gone");
    assertFalse(lab.inHost("ip", "link").stdout().contains("hbtun0"), when + "the host's end is gone");
    assertFalse(lab.inHost("ip", "route").stdout().contains("hbtun0"), when + "no route into the tunnel is left");
    assertFalse(sh("iptables-save").contains("host-bridge:hbtun0"), when + "no rule of ours is left");
    assertFalse(Processes.run(List.of("ip", "link")).stdout().contains("hbmv"), when + "no macvlan sibling is left");
    assertEquals("", sh("docker", "ps", "-aq", "--filter", "label=dev.hostbridge.tunnel").strip(), when + "no helper is left");
    assertFalse(Files.exists(lab.stateDir.resolve("tunnel/host.key")), when + "the key is gone");
  }
}
