package dev.hostbridge.core.tunnel;

import dev.hostbridge.api.Step;
import dev.hostbridge.api.StepContext;
import dev.hostbridge.api.StepStatus;

/**
 * A step of the tunnel that lives in the watcher's process: volatile, probed there against the
 * host's end it keeps, and elsewhere only for whether a watcher keeps it.
 */
abstract class LiveTunnelStep implements Step {

  final Tunnel tunnel;

  LiveTunnelStep(Tunnel tunnel) {
    this.tunnel = tunnel;
  }

  @Override
  public final boolean isVolatile() {
    return true;
  }

  @Override
  public final StepStatus check(StepContext context) {
    return tunnel.runtime().map(runtime -> check(context, runtime)).orElseGet(() -> tunnel.keptByWatcher(subject()));
  }

  /** The host's end this process keeps; applying a live step anywhere else is refused. */
  TunnelRuntime kept() {
    return tunnel.runtime().orElseThrow(() -> new dev.hostbridge.api.BridgeException(dev.hostbridge.api.ErrorCode.TUNNEL_NOT_HOSTED,
        subject() + " lives in host-bridge watch", "Run sudo host-bridge watch --strategy tunnel."));
  }

  /** The probe in the process that keeps the tunnel. */
  abstract StepStatus check(StepContext context, TunnelRuntime runtime);

  /** What the step is about, in a few words, for "kept by the watcher". */
  abstract String subject();
}
