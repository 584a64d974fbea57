package dev.hostbridge.api;

/** Where a configuration value came from; later sources win over earlier ones. */
public enum ConfigSource {
  DEFAULT,
  /** The settings file {@code HOST_BRIDGE_CONFIG} names ({@link ConfigFile}). */
  FILE,
  ENVIRONMENT,
  EXPLICIT
}
