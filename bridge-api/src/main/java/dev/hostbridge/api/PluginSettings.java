package dev.hostbridge.api;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings of plugins: keys in a plugin's own namespace ({@code myplugin.key}), given on the
 * command line ({@code --set myplugin.key=value}) or in the environment
 * ({@code HOST_BRIDGE_MYPLUGIN_KEY}); the command line wins. host-bridge checks the form of keys and
 * values; what a value means is the plugin's to check.
 */
public final class PluginSettings {

  /** A namespace, a dot, a name: lower-case letters, digits and '-', the name may have more dots. */
  static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]{0,31}\\.[a-z][a-z0-9.-]{0,63}");
  static final int MAX_VALUE = 1024;

  private final Map<String, String> explicit;
  private final Map<String, String> environment;

  PluginSettings(Map<String, String> explicit, Map<String, String> environment) {
    this.explicit = Map.copyOf(explicit);
    this.environment = environment;
  }

  /**
   * The value of {@code key}: from {@code --set}, else from its environment variable.
   *
   * @param key the setting's key, {@code namespace.name}, e.g. {@code greeting.text}
   * @return the value; empty when it is given neither way (an empty variable counts as not given)
   * @throws InvalidSettingException when the key is not of the form {@code namespace.name}
   */
  public Optional<String> get(String key) {
    checkKey(key, "a plugin asked for");
    String given = explicit.get(key);
    if (given != null) {
      return Optional.of(given);
    }
    return Optional.ofNullable(environment.get(environmentVariable(key))).filter(v -> !v.isEmpty());
  }

  /**
   * The keys given with {@code --set} (or the builder), for checking that some plugin takes each.
   *
   * @return the keys, unmodifiable; empty when none was given
   */
  public java.util.Set<String> explicitKeys() {
    return explicit.keySet();
  }

  /**
   * The environment variable a plugin's setting is read from: {@code myplugin.some-key} is read
   * from {@code HOST_BRIDGE_MYPLUGIN_SOME_KEY}.
   *
   * @param key the setting's key
   * @return {@code HOST_BRIDGE_} and the key in upper case, with '.' and '-' as '_'
   */
  public static String environmentVariable(String key) {
    return "HOST_BRIDGE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /**
   * Checks a plugin setting's key: {@code namespace.name} in lower-case letters, digits and
   * {@code -} (the namespace at most 32 characters, the name at most 64).
   *
   * @param key the key
   * @param where where it was given, for the message (e.g. {@code --set})
   * @throws InvalidSettingException when the key is not of that form
   */
  public static void checkKey(String key, String where) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new InvalidSettingException("'" + key + "' (" + where + ") is not a plugin setting's key",
          "Use NAMESPACE.NAME in lower-case letters, digits and '-', e.g. greeting.text.");
    }
  }

  /**
   * Checks a plugin setting's value: one line of at most 1024 characters, without control characters.
   *
   * @param key the key, for the message
   * @param value the value; not null
   * @throws InvalidSettingException when the value is not of that form
   */
  public static void checkValue(String key, String value) {
    if (value.length() > MAX_VALUE || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new InvalidSettingException("the value of " + key + " is longer than " + MAX_VALUE
          + " characters or has control characters", "Give a single line of at most " + MAX_VALUE + " characters.");
    }
  }

  /**
   * Parses {@code key=value} as {@code --set} takes it, and checks both parts.
   *
   * @param assignment the text after {@code --set}
   * @return the key and the value
   * @throws InvalidSettingException when it is not {@code key=value}, or a part is not of its form
   */
  public static Map.Entry<String, String> parse(String assignment) {
    int equals = assignment.indexOf('=');
    if (equals <= 0) {
      throw new InvalidSettingException("'" + assignment + "' is not KEY=VALUE", "Write --set myplugin.key=value.");
    }
    String key = assignment.substring(0, equals);
    String value = assignment.substring(equals + 1);
    checkKey(key, "--set");
    checkValue(key, value);
    return Map.entry(key, value);
  }

  /** A {@code --set} that is malformed, or names a key no plugin takes. */
  public static final class InvalidSettingException extends BridgeException {
    /**
     * A failure of kind USER with the code {@code config.invalid.set}.
     *
     * @param message what is wrong; the message starts with {@code --set: } before it
     * @param remedy what a person can do about it
     */
    public InvalidSettingException(String message, String remedy) {
      super(ErrorCode.CONFIG_INVALID.code("set"), Kind.USER, "--set: " + message, remedy);
    }
  }

  /**
   * The plugins' settings of one configuration: explicit ones ({@code --set}) win over the
   * environment's {@code HOST_BRIDGE_<KEY>} variables.
   *
   * @param explicit the explicit settings by key, already checked; copied
   * @param environment the environment variables by name
   * @return the settings
   */
  public static PluginSettings of(Map<String, String> explicit, Map<String, String> environment) {
    return new PluginSettings(new LinkedHashMap<>(explicit), environment);
  }
}
