package dev.hostbridge.api;

/** Where a configuration value came from; later sources win over earlier ones. */
public enum ConfigSource {
  /** host-bridge's default; also what a setting without any value reports. */
  DEFAULT,
  /** The settings file {@code HOST_BRIDGE_CONFIG} names ({@link ConfigFile}). */
  FILE,
  /** An environment variable ({@link BridgeConfig.Builder#environment}). */
  ENVIRONMENT,
  /** A command-line flag or an embedder's call ({@link BridgeConfig.Builder#set}). */
  EXPLICIT
}
