package dev.hostbridge.api;

/** A configuration value that failed validation: names the field, where the value came from, and the allowed form. */
public final class InvalidConfigException extends BridgeException {

  private final ConfigKey key;

  public InvalidConfigException(ConfigKey key, ConfigSource source, String problem, String allowed) {
    super(ErrorCode.CONFIG_INVALID.code(key.optionName()), Kind.USER, key.describe(source) + ": " + problem, allowed);
    this.key = key;
  }

  public ConfigKey key() {
    return key;
  }
}
