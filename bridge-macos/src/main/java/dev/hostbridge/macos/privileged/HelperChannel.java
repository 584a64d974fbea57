package dev.hostbridge.macos.privileged;

/**
 * Hands a request to the root helper and waits for it to be carried out. A failure there comes
 * back as the BridgeException the helper raised.
 */
@FunctionalInterface
public interface HelperChannel {

  void submit(PrivilegedRequest request);
}
