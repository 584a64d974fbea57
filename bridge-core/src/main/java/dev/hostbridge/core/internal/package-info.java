/**
 * Not API: the seams host-bridge's own tests and modules use. Nothing here is promised to stay.
 * What an embedder uses is in {@code dev.hostbridge.core}, whose public methods take and return
 * only its own and {@code dev.hostbridge.api} types.
 */
package dev.hostbridge.core.internal;
