package dev.hostbridge.core.tunnel;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.Step;
import dev.hostbridge.api.StepContext;
import dev.hostbridge.api.StepStatus;
import dev.hostbridge.core.engine.AtomicFiles;
import dev.hostbridge.wireguard.WireGuardEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The host's WireGuard private key, {@code tunnel/host.key} in the state directory, mode 0600; made
 * once, never logged. Counted as volatile so that the watcher, which runs the tunnel, makes it
 * when it is missing; uninstall deletes it.
 */
public final class TunnelKey implements Step {

  public static final String ID = "tunnel-key";
  static final String FILE = "tunnel/host.key";
  /** The public half of the key host-bridge wrote last: what tells its key from one put there by someone else. */
  static final String PUBLIC_FILE = "tunnel/host.pub";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "the host has a WireGuard key for the tunnel (tunnel/host.key in the state directory, mode 0600)";
  }

  @Override
  public boolean isVolatile() {
    return true;
  }

  static Path file(StepContext context) {
    return context.config().stateDir().resolve(FILE);
  }

  /** The key in the state directory; empty when there is none. A file that is not a key is an error, not a reason to replace it. */
  public static Optional<String> read(Path stateDir) {
    Path file = stateDir.resolve(FILE);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > 100) {
        throw new IOException("not a small regular file");
      }
      String key = Files.readString(file, StandardCharsets.US_ASCII).strip();
      WireGuardEndpoint.publicKey(key); // checks it
      return Optional.of(key);
    } catch (IOException | IllegalArgumentException e) {
      throw new BridgeException(ErrorCode.TUNNEL_KEY, file + " is not a WireGuard private key (" + e.getMessage() + ")",
          "Delete it (a new key is made), or put back the file host-bridge wrote.", e);
    }
  }

  @Override
  public StepStatus check(StepContext context) {
    return read(context.config().stateDir())
        .map(key -> StepStatus.satisfied("the host's public key is " + WireGuardEndpoint.publicKey(key)))
        .orElseGet(() -> StepStatus.pending("a key will be made in " + file(context)));
  }

  @Override
  public void apply(StepContext context) {
    context.record("public-key", write(context.config().stateDir()));
  }

  /**
   * Writes a new key, replacing the old one atomically ({@code install --rekey}); returns its public
   * half. A watcher that keeps the tunnel takes it up at its next look and sets the VM side up again.
   */
  public static String write(Path stateDir) {
    Path file = stateDir.resolve(FILE);
    String key = WireGuardEndpoint.generatePrivateKey();
    String publicKey = WireGuardEndpoint.publicKey(key);
    try {
      Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      AtomicFiles.write(file, (key + "\n").getBytes(StandardCharsets.US_ASCII), PosixFilePermissions.fromString("rw-------"));
      AtomicFiles.write(stateDir.resolve(PUBLIC_FILE), (publicKey + "\n").getBytes(StandardCharsets.US_ASCII),
          PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new BridgeException(ErrorCode.TUNNEL_KEY, "cannot write " + file + ": " + e.getMessage(),
          "Check that the state directory is writable.", e);
    }
    return publicKey;
  }

  @Override
  public void revert(StepContext context) {
    Path file = file(context);
    Path publicFile = context.config().stateDir().resolve(PUBLIC_FILE);
    try {
      Optional<String> key = read(context.config().stateDir());
      String ours = Files.exists(publicFile) ? Files.readString(publicFile, StandardCharsets.US_ASCII).strip()
          : context.recorded("public-key").orElse("");
      if (key.isPresent() && !ours.equals(WireGuardEndpoint.publicKey(key.get()))) {
        context.progress(file + " holds another key than host-bridge made; it stays");
        return;
      }
      Files.deleteIfExists(file);
      Files.deleteIfExists(publicFile);
    } catch (IOException e) {
      throw new BridgeException(ErrorCode.TUNNEL_KEY, "cannot delete " + file + ": " + e.getMessage(), "Delete it by hand.", e);
    }
  }
}
