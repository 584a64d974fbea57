package dev.hostbridge.api;

/** Where a configuration value came from; later sources win over earlier ones. */
public enum ConfigSource {
  /** host-bridge's default; also what a setting without any value reports. */
  DEFAULT,
  /** The settings file that the environment variable {@value #FILE_VARIABLE} names. */
  FILE,
  /** An environment variable. */
  ENVIRONMENT,
  /** A command-line flag or an embedder's explicit value. */
  EXPLICIT;

  /** The environment variable that names a settings file of {@code NAME=value} lines. */
  public static final String FILE_VARIABLE = "HOST_BRIDGE_CONFIG";
}
