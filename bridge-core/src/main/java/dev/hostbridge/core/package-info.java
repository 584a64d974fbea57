/**
 * What a program embedding host-bridge uses: the facade {@link dev.hostbridge.core.HostBridge}
 * (plan, install, uninstall, status), its builder, and the read-only
 * {@link dev.hostbridge.core.JournalView}. {@link dev.hostbridge.core.Watcher} keeps an
 * installation true while it runs, and {@link dev.hostbridge.core.ControlSocket} lets a running
 * watcher answer {@code status}; {@link dev.hostbridge.core.Logs} gives host-bridge's loggers.
 * The sub-packages (engine, steps, Docker access, platform selection) are host-bridge's own and
 * may change in any release.
 */
package dev.hostbridge.core;
