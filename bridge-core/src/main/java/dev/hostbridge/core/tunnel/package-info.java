/** The tunnel strategy: the VM side of the WireGuard tunnel and what the host needs to drive it. */
package dev.hostbridge.core.tunnel;
