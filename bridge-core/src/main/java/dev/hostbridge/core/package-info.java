/**
 * What a program embedding host-bridge uses: the facade {@link dev.hostbridge.core.HostBridge}
 * (plan, install, uninstall, status), its builder, and the read-only
 * {@link dev.hostbridge.core.JournalView}. The sub-packages (engine, steps, Docker access,
 * platform selection) are host-bridge's own and may change in any release.
 */
package dev.hostbridge.core;
