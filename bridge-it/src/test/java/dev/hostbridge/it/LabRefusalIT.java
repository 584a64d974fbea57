package dev.hostbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What install refuses to do, and that it then changes nothing. */
class LabRefusalIT {

  @BeforeEach
  void requirements() throws Exception {
    Requirements.root();
    Requirements.docker();
    TestImage.ensure();
  }

  @Test
  void aNetworkOfThatNameWithAnotherDriverStopsInstall() throws Exception {
    try (Lab lab = new Lab("conflict", 2)) {
      lab.startDocker();
      Processes.run(List.of("docker", "network", "create", "--driver", "bridge", lab.network)).expectSuccess();
      Processes.Result install = lab.hostBridge("install", "--yes");
      assertTrue(install.exitCode() == 1 || install.exitCode() == 2, "exit " + install.exitCode());
      assertTrue(install.stderr().contains("its driver is bridge, not macvlan"), install.stderr());
      assertTrue(install.stderr().contains("--network"), "the fix is named: " + install.stderr());
      lab.assertLauncherIsOriginal();
      assertFalse(lab.hostLinks().contains("tap1"), "no device was made");
      assertFalse(Files.exists(lab.stateDir.resolve("journal")) && Files.readString(lab.stateDir.resolve("journal")).contains("\t"),
          "nothing journaled");
      assertEquals("bridge", Processes.run(List.of("docker", "network", "inspect", "-f", "{{.Driver}}", lab.network))
          .expectSuccess().stdout().trim(), "the other network is untouched");
    }
  }

  @Test
  void anUnknownScriptAsLauncherIsRefused() throws Exception {
    try (Lab lab = new Lab("script", 3)) {
      String script = "#!/bin/sh\n# someone else's wrapper\nexec /opt/other/hyperkit \"$@\"\n";
      Files.writeString(lab.launcher, script);
      Processes.Result install = lab.hostBridge("install", "--yes");
      assertEquals(3, install.exitCode(), install.stdout() + install.stderr());
      assertTrue(install.stderr().contains("is a script that host-bridge did not write"), install.stderr());
      assertEquals(script, Files.readString(lab.launcher));
      assertEquals(List.of("com.docker.hyperkit"), lab.launcherDirectory());
      assertFalse(lab.hostLinks().contains("tap1"));
      assertFalse(lab.networkExists());
    }
  }
}
