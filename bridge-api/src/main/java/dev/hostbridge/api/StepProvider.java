package dev.hostbridge.api;

import java.util.List;

/**
 * Contributes steps to every plan. Found with {@link java.util.ServiceLoader}: a plugin jar lists
 * its class in {@code META-INF/services/dev.hostbridge.api.StepProvider}. Ordering comes from
 * each step's {@link Step#dependsOn()} and {@link Step#runsBefore()}.
 */
public interface StepProvider {

  /**
   * A name for messages, e.g. the plugin's artifact id.
   *
   * @return the name
   */
  String name();

  /**
   * The steps this plugin adds to the plan of a run with these settings.
   *
   * @param config the run's settings
   * @return the steps; an empty list adds none
   */
  List<Step> steps(BridgeConfig config);

  /**
   * The settings this plugin takes, each {@code namespace.name} in its own namespace (e.g.
   * {@code greeting.text}); a {@code --set} of a key that no plugin takes is refused before anything
   * changes. Read them with {@link StepContext#setting} or {@link BridgeConfig#pluginSettings()}.
   *
   * @return the keys; empty by default
   */
  default java.util.Set<String> settings() {
    return java.util.Set.of();
  }
}
