package dev.hostbridge.core.steps.shim;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.BridgeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** Reads a launcher file: what kind it is, and its checksum. */
public final class LauncherFile {

  /** A file's kind and, for our shim, what it was written for. */
  public record Classification(LauncherKind kind, Optional<ShimScript.Identity> identity) {}

  private static final int HEAD = 64 * 1024;

  private LauncherFile() {}

  public static Classification classify(Path path) {
    if (!Files.exists(path)) {
      return new Classification(LauncherKind.MISSING, Optional.empty());
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(path)) {
      head = in.readNBytes(HEAD);
    } catch (IOException e) {
      return new Classification(LauncherKind.UNKNOWN, Optional.empty());
    }
    if (isExecutableImage(head)) {
      return new Classification(LauncherKind.ORIGINAL, Optional.empty());
    }
    if (head.length < 2 || head[0] != '#' || head[1] != '!') {
      return new Classification(LauncherKind.UNKNOWN, Optional.empty());
    }
    String text = new String(head, StandardCharsets.UTF_8);
    Optional<ShimScript.Identity> ours = ShimScript.identify(text);
    if (ours.isPresent()) {
      return new Classification(LauncherKind.OURS, ours);
    }
    if (text.contains("virtio-tap") && text.contains(".original")) {
      return new Classification(LauncherKind.TUNTAP_OSX_SHIM, Optional.empty());
    }
    if (text.contains("virtio-tap") && text.contains(".real")) {
      return new Classification(LauncherKind.SEED_SHIM, Optional.empty());
    }
    return new Classification(LauncherKind.UNKNOWN_SCRIPT, Optional.empty());
  }

  /** Mach-O (32/64-bit, either byte order), a universal binary, or ELF. */
  static boolean isExecutableImage(byte[] head) {
    if (head.length < 4) {
      return false;
    }
    int magic = ((head[0] & 0xff) << 24) | ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
    return magic == 0xfeedface || magic == 0xfeedfacf || magic == 0xcefaedfe || magic == 0xcffaedfe
        || magic == 0xcafebabe || magic == 0x7f454c46;
  }

  public static String sha256(Path path) {
    try (InputStream in = new DigestInputStream(Files.newInputStream(path), MessageDigest.getInstance("SHA-256"))) {
      MessageDigest digest = ((DigestInputStream) in).getMessageDigest();
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new BridgeException(ErrorCode.LAUNCHER_UNREADABLE, "cannot read " + path + ": " + e.getMessage(), "Check the file's permissions.", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
