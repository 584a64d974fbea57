package dev.hostbridge.api;

/** Where a configuration value came from; later sources win over earlier ones. */
public enum ConfigSource {
  DEFAULT,
  ENVIRONMENT,
  EXPLICIT
}
