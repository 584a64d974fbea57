package dev.hostbridge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The home of the person behind sudo. Java's {@code user.home} is root's under sudo, so a run
 * through sudo would keep its journal (and look for Docker's files) in root's home, and a later
 * run without sudo would find nothing. Read from /etc/passwd on Linux; on macOS the home of a
 * local user is /Users/NAME, owned by that user.
 */
final class SudoUserHome {

  private final Path passwd;
  private final Path macUsers;

  SudoUserHome(Path passwd, Path macUsers) {
    this.passwd = passwd;
    this.macUsers = macUsers;
  }

  static SudoUserHome system() {
    return new SudoUserHome(Path.of("/etc/passwd"), Path.of("/Users"));
  }

  /** The SUDO_USER's home when this process is root through sudo for another user; empty otherwise. */
  Optional<Path> resolve(String processUser, String osName, Map<String, String> environment) {
    String user = environment.getOrDefault("SUDO_USER", "");
    if (!"root".equals(processUser) || user.isEmpty() || user.equals("root") || !user.matches("[A-Za-z0-9._-]{1,64}")) {
      return Optional.empty();
    }
    if (osName.toLowerCase(Locale.ROOT).startsWith("mac")) {
      Path home = macUsers.resolve(user);
      try {
        return Files.isDirectory(home) && Files.getOwner(home).getName().equals(user) ? Optional.of(home) : Optional.empty();
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    try {
      for (String line : Files.readAllLines(passwd)) {
        String[] fields = line.split(":", -1);
        if (fields.length >= 7 && fields[0].equals(user) && fields[5].startsWith("/")) {
          return Optional.of(Path.of(fields[5]));
        }
      }
    } catch (IOException e) {
      // no local entry to read: keep Java's idea of home
    }
    return Optional.empty();
  }
}
