package dev.hostbridge.core.steps;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.Step;
import dev.hostbridge.api.StepContext;
import dev.hostbridge.api.StepStatus;
import dev.hostbridge.core.engine.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The boot service runs a copy of host-bridge's jar that only root can change: the jar a person
 * runs (in a checkout, an unpacked archive, a Homebrew prefix) is theirs to write, and so is any
 * program's running as them, and the service runs as root at every boot. The copy is named by its
 * content's SHA-256, read-only, owned by root, in the service manager's program directory (which
 * must be root's and writable by no one else); the service's command line names the copy. Undone by
 * removing that file (and the directory, once empty).
 */
public final class ServiceProgram implements Step {

  public static final String ID = "service-program";
  private static final Pattern NAME = Pattern.compile("host-bridge-[0-9a-f]{16}\\.jar");
  private static final Set<PosixFilePermission> OTHERS_WRITE = Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

  private final Path jar;
  private final byte[] content;
  private final Path copy;

  private ServiceProgram(Path jar, byte[] content, Path copy) {
    this.jar = jar;
    this.content = content;
    this.copy = copy;
  }

  /** The step that copies {@code jar} into {@code directory}; the copy's name comes from what is read now. */
  public static ServiceProgram of(Path jar, Path directory) {
    try {
      byte[] content = Files.readAllBytes(jar);
      return new ServiceProgram(jar, content, directory.resolve(nameOf(content)));
    } catch (IOException e) {
      throw new BridgeException(ErrorCode.SERVICE_FAILED, "cannot read " + jar + ": " + e.getMessage(), "Check that host-bridge's jar is readable.", e);
    }
  }

  static String nameOf(byte[] content) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
      return "host-bridge-" + HexFormat.of().formatHex(digest).substring(0, 16) + ".jar";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The path the service's command line names. */
  public Path copy() {
    return copy;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "the service runs a copy of host-bridge that only root can change";
  }

  @Override
  public StepStatus check(StepContext context) {
    Path directory = copy.getParent();
    Optional<Path> unsafe = unsafeDirectory(directory);
    if (unsafe.isPresent()) {
      Path dir = unsafe.get();
      return StepStatus.blocked(ErrorCode.SERVICE_PROGRAM_UNSAFE, dir + " can be changed by others than root (written by them, or a"
          + " symbolic link), so the service's copy of host-bridge could be changed there", "Make it root's and writable by root only"
          + " (sudo chown root " + dir + "; sudo chmod go-w " + dir + "), or remove it if host-bridge made it.");
    }
    if (!Files.exists(copy, LinkOption.NOFOLLOW_LINKS)) {
      return StepStatus.pending("will copy " + jar + " to " + copy + " (root's, read-only), which the service runs");
    }
    try {
      if (!rootOnly(copy) || !Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS) || !nameOf(Files.readAllBytes(copy)).equals(copy.getFileName().toString())) {
        return StepStatus.pending(copy + " is not the copy it should be: it will be written again");
      }
    } catch (IOException e) {
      return StepStatus.pending(copy + " cannot be read (" + e.getMessage() + "): it will be written again");
    }
    return StepStatus.satisfied(copy + " is root's and read-only, and is this host-bridge");
  }

  @Override
  public void apply(StepContext context) {
    context.record("file", copy.toString());
    try {
      Files.createDirectories(copy.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
      AtomicFiles.write(copy, content, PosixFilePermissions.fromString("r--r--r--"));
      // Copies of other versions are of an earlier install: the service runs this one now.
      try (var others = Files.list(copy.getParent())) {
        for (Path other : others.filter(p -> NAME.matcher(p.getFileName().toString()).matches() && !p.equals(copy)).toList()) {
          Files.deleteIfExists(other);
        }
      }
    } catch (IOException e) {
      throw new BridgeException(ErrorCode.SERVICE_FAILED, "could not copy host-bridge to " + copy + ": " + e.getMessage(),
          "Installing a boot service needs root: run it with sudo.", e);
    }
  }

  @Override
  public void revert(StepContext context) {
    Path file = context.recorded("file").map(Path::of).orElse(copy);
    if (!file.getParent().equals(copy.getParent()) || !NAME.matcher(file.getFileName().toString()).matches()) {
      throw new BridgeException(ErrorCode.JOURNAL_INVALID_RECORD, "the journal names " + file + " as the service's copy of host-bridge,"
          + " which is not one host-bridge makes", "Remove it by hand if it is yours to remove.");
    }
    try {
      Files.deleteIfExists(file);
      try (var others = Files.list(file.getParent())) {
        for (Path other : others.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).toList()) {
          Files.deleteIfExists(other); // a copy an earlier install left (only root writes here)
        }
      }
      try (var left = Files.list(file.getParent())) {
        if (left.findAny().isEmpty()) {
          Files.delete(file.getParent());
        }
      }
    } catch (java.nio.file.NoSuchFileException e) {
      // the directory went already
    } catch (IOException e) {
      throw new BridgeException(ErrorCode.SERVICE_FAILED, "could not remove " + file + ": " + e.getMessage(),
          "Removing a boot service needs root: run it with sudo.", e);
    }
  }

  /**
   * The first directory on the way to {@code directory} that someone other than root could change:
   * the directory itself if it is a symbolic link or not root-only, else the first of the real
   * path's ancestors that is neither root-only nor root's with the sticky bit.
   */
  static Optional<Path> unsafeDirectory(Path directory) {
    if (Files.isSymbolicLink(directory)) {
      return Optional.of(directory);
    }
    if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS) && !rootOnly(directory)) {
      return Optional.of(directory);
    }
    Path existing = directory;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return Optional.empty();
    }
    Path real;
    try {
      real = existing.toRealPath();
    } catch (IOException e) {
      return Optional.of(existing);
    }
    for (Path dir = real; dir != null; dir = dir.getParent()) {
      if (!rootOnly(dir) && !(rootsSticky(dir) && !dir.equals(directory))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  /** A directory of root's with the sticky bit (/tmp): others may add entries, but never move or remove root's. */
  private static boolean rootsSticky(Path dir) {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS))
          && ((Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 01000) != 0;
    } catch (IOException | UnsupportedOperationException | ClassCastException e) {
      return false;
    }
  }

  /** Owned by root (uid 0) and writable by no one else. */
  private static boolean rootOnly(Path path) {
    try {
      Object uid = Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      return Integer.valueOf(0).equals(uid) && java.util.Collections.disjoint(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS), OTHERS_WRITE);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
