package dev.hostbridge.api;

/** A configuration value that failed validation: names the field, where the value came from, and the allowed form. */
public final class InvalidConfigException extends BridgeException {

  /** The setting whose value failed ({@link #key()}). */
  private final ConfigKey key;

  /**
   * A failure of kind USER with the code {@code config.invalid.<option>}, e.g.
   * {@code config.invalid.network}.
   *
   * @param key the setting whose value failed
   * @param source where the value came from, to name the setting as the person set it
   * @param problem what is wrong with the value
   * @param allowed the allowed form, which becomes the remedy
   */
  public InvalidConfigException(ConfigKey key, ConfigSource source, String problem, String allowed) {
    super(ErrorCode.CONFIG_INVALID.code(key.optionName()), Kind.USER, key.describe(source) + ": " + problem, allowed);
    this.key = key;
  }

  /**
   * The setting whose value failed validation.
   *
   * @return the setting
   */
  public ConfigKey key() {
    return key;
  }
}
