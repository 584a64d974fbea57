package dev.hostbridge.cli;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.core.HostBridge;

/** Makes the facade for one command; tests bind one with a fake platform and Docker. */
public interface BridgeFactory {
  HostBridge.Builder builder(BridgeConfig config);
}
