package dev.hostbridge.core.internal;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.Step;
import dev.hostbridge.core.HostBridge;
import dev.hostbridge.core.docker.DockerEngine;
import java.util.List;
import java.util.function.Supplier;

/**
 * Not API: what host-bridge's own tests and modules set on a {@link HostBridge.Builder} beyond
 * its public methods, whose types are internal (a Docker engine of their own, other built-in
 * steps). The builder's public methods take and return API types only; these go through here so
 * that an embedder never sees an internal type. It changes without notice.
 */
public final class Seams {

  /** Makes the built-in steps for one operation. */
  @FunctionalInterface
  public interface StepFactory {
    /**
     * @param config the configuration of the operation
     * @param docker the engine, made on first use
     * @return the steps, in their natural order
     */
    List<Step> create(BridgeConfig config, Supplier<DockerEngine> docker);
  }

  /** What {@link HostBridge} lets this class do to its builder; it registers it once, when it is loaded. */
  public interface Access {
    /**
     * @param builder the builder to change
     * @param factory how to reach Docker
     */
    void dockerEngine(HostBridge.Builder builder, Supplier<DockerEngine> factory);

    /**
     * @param builder the builder to change
     * @param factory how the built-in steps are made
     */
    void builtInSteps(HostBridge.Builder builder, StepFactory factory);
  }

  private static Access access;

  private Seams() {}

  /**
   * Called by {@link HostBridge} as it is loaded; access from any other class, or a second call, is
   * refused, so no other class can take its place.
   *
   * @param granted the access
   */
  public static synchronized void register(Access granted) {
    if (granted.getClass().getNestHost() != HostBridge.class) {
      throw new IllegalArgumentException("only HostBridge grants access to its builder");
    }
    if (access != null) {
      throw new IllegalStateException("the builder's access is registered already");
    }
    access = granted;
  }

  /**
   * How {@code builder}'s bridge reaches Docker, instead of the engine the configuration resolves.
   *
   * @param builder the builder
   * @param factory called at most once, on first use
   * @return the builder
   */
  public static HostBridge.Builder dockerEngine(HostBridge.Builder builder, Supplier<DockerEngine> factory) {
    access().dockerEngine(builder, factory);
    return builder;
  }

  /**
   * How {@code builder}'s bridge makes its built-in steps (tests use other timeouts).
   *
   * @param builder the builder
   * @param factory makes the steps for each operation
   * @return the builder
   */
  public static HostBridge.Builder builtInSteps(HostBridge.Builder builder, StepFactory factory) {
    access().builtInSteps(builder, factory);
    return builder;
  }

  private static synchronized Access access() {
    if (access == null) {
      try {
        Class.forName(HostBridge.class.getName(), true, HostBridge.class.getClassLoader()); // it registers as it initialises
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
    return access;
  }
}
