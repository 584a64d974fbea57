package dev.hostbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SudoUserHomeTest {

  @TempDir Path dir;

  SudoUserHome homes() throws Exception {
    Path passwd = dir.resolve("passwd");
    Files.writeString(passwd, "root:x:0:0:root:/root:/bin/bash\nada:x:1000:1000:Ada,,,:/home/ada:/bin/bash\nbroken:x:1\n");
    return new SudoUserHome(passwd, dir.resolve("Users"));
  }

  @Test
  void rootThroughSudoUsesTheCallersHome() throws Exception {
    assertEquals(Optional.of(Path.of("/home/ada")), homes().resolve("root", "Linux", Map.of("SUDO_USER", "ada")));
  }

  @Test
  void otherwiseJavasHomeStands() throws Exception {
    assertEquals(Optional.empty(), homes().resolve("ada", "Linux", Map.of("SUDO_USER", "ada")), "not root");
    assertEquals(Optional.empty(), homes().resolve("root", "Linux", Map.of()), "root, but not through sudo");
    assertEquals(Optional.empty(), homes().resolve("root", "Linux", Map.of("SUDO_USER", "root")));
    assertEquals(Optional.empty(), homes().resolve("root", "Linux", Map.of("SUDO_USER", "nobody-here")));
    assertEquals(Optional.empty(), homes().resolve("root", "Linux", Map.of("SUDO_USER", "../../etc")), "no path from the environment");
  }

  @Test
  void onMacTheHomeMustBelongToTheUser() throws Exception {
    // The owner must be a real user who is not root: this process's user, or nobody when the tests run as root.
    String user = System.getProperty("user.name").equals("root") ? "nobody" : System.getProperty("user.name");
    Path users = Files.createDirectories(dir.resolve("Users/" + user));
    Files.setOwner(users, users.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user));
    assertEquals(Optional.of(users), homes().resolve("root", "Mac OS X", Map.of("SUDO_USER", user)));
    Files.createDirectories(dir.resolve("Users/someoneelse"));
    assertEquals(Optional.empty(), homes().resolve("root", "Mac OS X", Map.of("SUDO_USER", "someoneelse")));
  }
}
