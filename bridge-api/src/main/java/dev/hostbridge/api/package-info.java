/**
 * host-bridge's SPI and public types, with no dependencies at all.
 *
 * <p>Settings ({@link dev.hostbridge.api.BridgeConfig}, {@link dev.hostbridge.api.PluginSettings}),
 * the steps a plan is made of ({@link dev.hostbridge.api.Step}, {@link dev.hostbridge.api.StepContext},
 * {@link dev.hostbridge.api.StepIds}), the operating-system operations a platform provides
 * ({@link dev.hostbridge.api.HostPlatform} and its groups), the plugins found by ServiceLoader
 * ({@link dev.hostbridge.api.StepProvider}, {@link dev.hostbridge.api.HostPlatformProvider}), what
 * a run reports ({@link dev.hostbridge.api.Plan}, {@link dev.hostbridge.api.BridgeEvent},
 * {@link dev.hostbridge.api.BridgeStatus}) and how it fails ({@link dev.hostbridge.api.BridgeException}
 * with a code of the catalogue {@link dev.hostbridge.api.ErrorCode}).
 */
package dev.hostbridge.api;
