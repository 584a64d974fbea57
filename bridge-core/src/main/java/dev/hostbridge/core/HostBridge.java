package dev.hostbridge.core;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.BridgeEvent;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.BridgeStatus;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.api.InterfaceState;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.Plan;
import dev.hostbridge.api.Step;
import dev.hostbridge.api.StepProvider;
import dev.hostbridge.core.docker.DockerEngine;
import dev.hostbridge.core.docker.EngineDockerAccess;
import dev.hostbridge.core.docker.DockerEngines;
import dev.hostbridge.core.engine.EventDispatcher;
import dev.hostbridge.core.internal.Seams;
import dev.hostbridge.core.engine.Journal;
import dev.hostbridge.core.engine.JournalEntry;
import dev.hostbridge.core.engine.Planner;
import dev.hostbridge.core.engine.ProbedPlan;
import dev.hostbridge.core.engine.Runner;
import dev.hostbridge.core.engine.StateLock;
import dev.hostbridge.core.platform.PlatformSelector;
import dev.hostbridge.core.steps.BuiltInSteps;
import dev.hostbridge.core.tunnel.TunnelRuntime;
import dev.hostbridge.core.tunnel.TunnelSteps;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What an embedder uses: plan, install, uninstall and status of the host bridge.
 *
 * <pre>{@code
 * BridgeConfig config = BridgeConfig.builder().environment(System.getenv()).build();
 * try (HostBridge bridge = HostBridge.builder(config)
 *     .addListener(BridgeEvent.StepApplied.class, e -> System.out.println("done: " + e.stepId()))
 *     .build()) {
 *   bridge.install();
 * }
 * }</pre>
 *
 * The Docker client is created on first use, so commands that do not need Docker never start it.
 */
public final class HostBridge implements AutoCloseable {

  static {
    Seams.register(new Seams.Access() {
      @Override
      public void dockerEngine(Builder builder, Supplier<DockerEngine> factory) {
        builder.dockerEngine(factory);
      }

      @Override
      public void builtInSteps(Builder builder, Seams.StepFactory factory) {
        builder.builtInSteps(factory);
      }
    });
  }

  /** The journal's file name inside the state directory. */
  public static final String JOURNAL_FILE = "journal";

  private final BridgeConfig config;
  private final HostPlatform platform;
  private final Supplier<List<Step>> steps;
  private final EventDispatcher events;
  private final Clock clock;
  private final LazyDocker docker;
  private final List<AutoCloseable> closeWith;
  private final Supplier<BridgeConfig.Strategy> strategy;
  private final KeptTunnel tunnel;

  private HostBridge(Builder builder, HostPlatform platform, LazyDocker docker, Supplier<List<Step>> steps,
      Supplier<BridgeConfig.Strategy> strategy, KeptTunnel tunnel) {
    this.strategy = strategy;
    this.tunnel = tunnel;
    this.config = builder.config;
    this.platform = platform;
    this.docker = docker;
    this.steps = steps;
    this.events = builder.events;
    this.clock = builder.clock;
    this.closeWith = List.copyOf(builder.closeWith);
  }

  public static Builder builder(BridgeConfig config) {
    return new Builder(config);
  }

  public BridgeConfig config() {
    return config;
  }

  public HostPlatform platform() {
    return platform;
  }

  /**
   * Replaces the host's tunnel key with a new one ({@code install --rekey}); returns its public
   * key. The watcher that keeps the tunnel restarts it with the new key at its next look (within
   * 25 s) and sets the VM side up again.
   */
  public String rotateTunnelKey() {
    BridgeConfig.Strategy strategy = strategy();
    if (strategy != BridgeConfig.Strategy.TUNNEL) {
      throw new BridgeException(ErrorCode.CONFIG_INVALID.code("rekey"), BridgeException.Kind.USER,
          "--rekey rotates the tunnel's key, and the strategy here is " + strategy.optionValue(), "Give --strategy tunnel, or leave --rekey out.");
    }
    try (StateLock lock = StateLock.acquire(config.stateDir())) {
      return dev.hostbridge.core.tunnel.TunnelKey.write(config.stateDir());
    }
  }

  /**
   * The Docker engine came back after it was gone: the VM may have restarted and taken its side of
   * the tunnel along, so the watcher sets it up again at once rather than after its silence.
   */
  /** The host's side of the tunnel, when this process keeps it and it was made. */
  Optional<TunnelRuntime> tunnelRuntime() {
    return tunnel.current();
  }

  void engineCameBack() {
    tunnel.current().ifPresent(TunnelRuntime::vmMayHaveRestarted);
  }

  /** What the tunnel finds in the VM (for doctor): its image, the VM kernel's WireGuard, the firewall, the endpoint's name. */
  public List<dev.hostbridge.api.Diagnostic> tunnelDiagnostics() {
    return dev.hostbridge.core.tunnel.TunnelProbe.diagnose(config, docker.get());
  }

  /**
   * The strategy in use: {@code --strategy}, with auto resolved for this machine (see
   * {@link Strategies}; on Linux that asks the Docker engine where it runs, once, when first needed).
   */
  public BridgeConfig.Strategy strategy() {
    return strategy.get();
  }

  /**
   * Every step this bridge knows, built-in and from plugins, in registration order. Made anew
   * for each operation, so that what a step caches while probing lives for one run only.
   */
  public List<Step> steps() {
    return steps.get();
  }

  /** Probes every step and says what {@link #install()} would do; changes nothing. */
  public Plan plan() {
    return planner().plan(steps(), loadJournal()).plan();
  }

  /**
   * Applies every PENDING step in order. Nothing changes when any step is BLOCKED
   * ({@link dev.hostbridge.api.PlanBlockedException}); a failed step reverts what this run
   * applied ({@link dev.hostbridge.api.RunFailedException}). Returns the plan it carried out.
   */
  public Plan install() {
    try (StateLock lock = StateLock.acquire(config.stateDir())) {
      Journal journal = loadJournal();
      ProbedPlan probed = planner().plan(steps(), journal);
      new Runner(config, platform, events, clock, new EngineDockerAccess(docker)).install(probed, journal);
      return probed.plan();
    }
  }

  /**
   * Applies only the PENDING steps that are volatile (lost when the VM restarts): what the
   * watcher restores. A step that is not volatile (a Docker restart, the shim) is left for
   * {@link #install()}, which a person runs. Returns the plan it carried out.
   */
  public Plan installVolatile() {
    try (StateLock lock = StateLock.acquire(config.stateDir())) {
      Journal journal = loadJournal();
      ProbedPlan probed = planner().plan(steps(), journal);
      new Runner(config, platform, events, clock, new EngineDockerAccess(docker)).install(probed, journal, Step::isVolatile);
      return probed.plan();
    }
  }

  /** Undoes, newest first, every change the journal says this tool made. */
  public void uninstall() {
    try (StateLock lock = StateLock.acquire(config.stateDir())) {
      List<BridgeException> failures = new Runner(config, platform, events, clock, new EngineDockerAccess(docker)).uninstall(steps(), loadJournal());
      if (!failures.isEmpty()) {
        BridgeException first = failures.get(0);
        throw new BridgeException(ErrorCode.UNINSTALL_INCOMPLETE.code(), first.kind(),
            "could not undo everything; still in the journal: "
                + failures.stream().map(Throwable::getMessage).collect(Collectors.joining("; ")),
            first.remedy(), first);
      }
    }
  }

  /**
   * A watcher that keeps this installation true until it is closed (see {@link Watcher}); {@code log}
   * hears each change of its condition.
   */
  public Watcher watcher(java.util.function.Consumer<String> log, Watcher.Backoff backoff) {
    return new Watcher(this, docker, log, backoff, clock);
  }

  /** The plan, the tap interface's address and the journal, without changing anything. */
  public BridgeStatus status() {
    Journal journal = loadJournal();
    Plan plan = planner().plan(steps(), journal).plan();
    Optional<Ipv4Cidr> address = platform.interfaces().find(config.device())
        .map(InterfaceState::addresses)
        .flatMap(list -> list.stream().findFirst());
    return new BridgeStatus(platform.name(), plan, config.network(), config.device(), address,
        journal.entries().stream().map(JournalEntry::stepId).toList());
  }

  private Journal loadJournal() {
    return Journal.load(journalFile());
  }

  /** The journal as it is on disk now, read-only. */
  public JournalView journal() {
    Journal journal = loadJournal();
    return new JournalView(journal.file(), journal.entries().stream()
        .map(e -> new JournalView.Change(e.stepId(), e.state() == JournalEntry.State.APPLIED, e.at(), e.records()))
        .toList());
  }

  public Path journalFile() {
    return config.stateDir().resolve(JOURNAL_FILE);
  }

  private Planner planner() {
    return new Planner(config, platform, events, new EngineDockerAccess(docker));
  }

  /**
   * Closes the Docker client if one was started, then what was given to {@link Builder#closeWith},
   * newest first. Each is closed even when one before it fails; the first failure is thrown.
   */
  @Override
  public void close() {
    RuntimeException failure = null;
    try {
      docker.close();
    } catch (RuntimeException e) {
      failure = e;
    }
    for (int i = closeWith.size() - 1; i >= 0; i--) {
      try {
        closeWith.get(i).close();
      } catch (Exception e) {
        if (failure == null) {
          failure = BridgeException.wrap(ErrorCode.CLOSE_FAILED, e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Creates the Docker engine on first use and closes it with the bridge. A failure to find one is
   * remembered for a few seconds, so that the steps of one plan do not each try every endpoint
   * again (a TCP endpoint that does not answer costs its connect timeout each time).
   */
  static final class LazyDocker implements Supplier<DockerEngine> {
    private static final long FAILURE_MEMORY_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    private final Supplier<DockerEngine> factory;
    private DockerEngine engine;
    private BridgeException lastFailure;
    private long lastFailureAt;

    LazyDocker(Supplier<DockerEngine> factory) {
      this.factory = factory;
    }

    @Override
    public synchronized DockerEngine get() {
      if (engine == null) {
        if (lastFailure != null && System.nanoTime() - lastFailureAt < FAILURE_MEMORY_NANOS) {
          throw lastFailure;
        }
        try {
          engine = factory.get();
        } catch (BridgeException e) {
          lastFailure = e;
          lastFailureAt = System.nanoTime();
          throw e;
        }
      }
      return engine;
    }

    synchronized void close() {
      if (engine != null) {
        engine.close();
        engine = null;
      }
    }
  }

  /**
   * The host's side of the tunnel when this process keeps it (the watcher): made the first time
   * the strategy is the tunnel, at build or later, when auto on Linux could only decide once the
   * engine answered; closed with the bridge.
   */
  static final class KeptTunnel implements AutoCloseable {
    private final Supplier<TunnelRuntime> factory;
    private final Supplier<BridgeConfig.Strategy> strategy;
    private TunnelRuntime runtime;
    private boolean closed;

    KeptTunnel(Supplier<TunnelRuntime> factory, Supplier<BridgeConfig.Strategy> strategy) {
      this.factory = factory;
      this.strategy = strategy;
    }

    /** The runtime, made now if this process keeps the tunnel and the strategy is the tunnel. */
    synchronized Optional<TunnelRuntime> get() {
      if (runtime == null && !closed && factory != null && strategy.get() == BridgeConfig.Strategy.TUNNEL) {
        runtime = factory.get();
      }
      return Optional.ofNullable(runtime);
    }

    /** The runtime if it was made; never makes one. */
    synchronized Optional<TunnelRuntime> current() {
      return Optional.ofNullable(runtime);
    }

    @Override
    public synchronized void close() {
      closed = true;
      if (runtime != null) {
        runtime.close();
      }
    }
  }

  public static final class Builder {
    private final BridgeConfig config;
    private final EventDispatcher events = new EventDispatcher();
    private final List<Step> extraSteps = new ArrayList<>();
    private final List<AutoCloseable> closeWith = new ArrayList<>();
    private HostPlatform platform;
    private Supplier<DockerEngine> dockerFactory;
    /** Null: the steps of the strategy the configuration resolves to. */
    private Seams.StepFactory builtInSteps;
    private java.util.function.Consumer<String> tunnelLog;
    private boolean discoverPlugins = true;
    private final java.util.Set<String> acceptedSettings = new java.util.HashSet<>();
    private ClassLoader pluginLoader = HostBridge.class.getClassLoader();
    private Clock clock = Clock.systemUTC();

    private Builder(BridgeConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** Uses this platform instead of the one ServiceLoader finds for {@code config.platform()}. */
    public Builder platform(HostPlatform platform) {
      this.platform = platform;
      return this;
    }

    /** How to reach Docker; by default the engine the configuration resolves. Called at most once, on first use (through {@link Seams}). */
    Builder dockerEngine(Supplier<DockerEngine> factory) {
      this.dockerFactory = factory;
      return this;
    }

    /** Adds a step of the embedder's own, ordered by its dependencies like a plugin's. */
    public Builder addStep(Step step) {
      extraSteps.add(Objects.requireNonNull(step));
      return this;
    }

    /** Adds several steps of the embedder's own, in order. */
    public Builder addSteps(List<? extends Step> steps) {
      steps.forEach(this::addStep);
      return this;
    }

    /** Leaves out the built-in steps (an embedder that brings all of its own). */
    public Builder withoutBuiltInSteps() {
      this.builtInSteps = (config, docker) -> List.of();
      return this;
    }

    /** Replaces how the built-in steps are made (tests use other timeouts; through {@link Seams}). */
    Builder builtInSteps(Seams.StepFactory factory) {
      this.builtInSteps = Objects.requireNonNull(factory);
      return this;
    }

    /**
     * This process keeps the tunnel (the watcher does): with the tunnel strategy, the host's end of
     * the tunnel lives in it, made by the tunnel's steps and closed with the bridge; {@code log}
     * hears what it says.
     */
    public Builder keepTunnel(java.util.function.Consumer<String> log) {
      this.tunnelLog = Objects.requireNonNull(log);
      return this;
    }

    /** Whether to add the steps of {@link StepProvider} plugins found by ServiceLoader (default true). */
    public Builder discoverPlugins(boolean discover) {
      this.discoverPlugins = discover;
      return this;
    }

    /** The class loader that plugins are looked up with. */
    public Builder pluginClassLoader(ClassLoader loader) {
      this.pluginLoader = Objects.requireNonNull(loader);
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /**
     * Closes {@code resource} when the bridge is closed: something made for this bridge alone, such
     * as the root helper process that its platform sends privileged changes to.
     */
    public Builder closeWith(AutoCloseable resource) {
      closeWith.add(Objects.requireNonNull(resource));
      return this;
    }

    /** A plugin setting that the embedder's own steps read, so that {@code --set} of it is not refused. */
    public Builder acceptSetting(String key) {
      acceptedSettings.add(key);
      return this;
    }

    /** Every {@code --set} key must be one some plugin (or the embedder) takes: a typo is refused, not ignored. */
    private void checkSettingsAreTaken(List<StepProvider> providers) {
      java.util.Set<String> taken = new java.util.TreeSet<>(acceptedSettings);
      providers.forEach(p -> taken.addAll(p.settings()));
      for (String key : config.pluginSettings().explicitKeys()) {
        if (!taken.contains(key)) {
          throw new dev.hostbridge.api.PluginSettings.InvalidSettingException("no plugin takes the setting '" + key + "'",
              taken.isEmpty() ? "No plugin with settings is loaded; check HOST_BRIDGE_PLUGIN_PATH (host-bridge doctor lists plugins)."
                  : "The settings plugins take: " + String.join(", ", taken) + ".");
        }
      }
    }

    public <E extends BridgeEvent> Builder addListener(Class<E> type, Consumer<? super E> listener) {
      events.register(type, listener);
      return this;
    }

    public HostBridge build() {
      HostPlatform chosen = platform;
      if (chosen == null) {
        chosen = PlatformSelector.fromLoader(pluginLoader).select(config);
        // A platform made here is this bridge's to close (the macOS one may hold a root helper).
        if (chosen instanceof AutoCloseable closeable) {
          closeWith.add(0, closeable);
        }
      }
      LazyDocker docker = new LazyDocker(dockerFactory != null ? dockerFactory : () -> DockerEngines.connect(config, config.environment()));
      List<StepProvider> providers = new ArrayList<>();
      if (discoverPlugins) {
        ServiceLoader.load(StepProvider.class, pluginLoader).forEach(providers::add);
      }
      checkSettingsAreTaken(providers);
      HostPlatform resolvedOn = chosen;
      // Kept once decided; until then (auto on Linux, no engine yet) asked again each time, the tap meanwhile.
      Supplier<BridgeConfig.Strategy> strategy = new Supplier<>() {
        private BridgeConfig.Strategy decided;

        @Override
        public synchronized BridgeConfig.Strategy get() {
          if (decided == null) {
            decided = Strategies.decide(config, resolvedOn, docker, Strategies.LocalMachine.current()).orElse(null);
          }
          return decided != null ? decided : BridgeConfig.Strategy.TAP;
        }
      };
      Seams.StepFactory builtIn = builtInSteps;
      java.util.function.Consumer<String> log = tunnelLog;
      KeptTunnel kept = new KeptTunnel(builtIn == null && log != null
          ? () -> new TunnelRuntime(resolvedOn, config, dev.hostbridge.wireguard.UapiSocket.RUN_DIR, log) : null, strategy);
      closeWith.add(kept);
      if (log != null) {
        kept.get(); // the watcher's tunnel, when the strategy can be told now
      }
      if (builtIn == null) {
        // Decided when the steps are first made, not here: auto on Linux asks the engine, and a
        // command that never needs steps (status answered by the watcher) should not wait for that.
        // A watcher that started before the engine answered gets its tunnel then.
        builtIn = (cfg, engine) -> strategy.get() == BridgeConfig.Strategy.TUNNEL
            ? TunnelSteps.create(cfg, engine, kept.get()) : BuiltInSteps.create(cfg, engine);
      }
      Seams.StepFactory chosenSteps = builtIn;
      List<Step> extra = List.copyOf(extraSteps);
      Supplier<List<Step>> steps = () -> {
        List<Step> all = new ArrayList<>(chosenSteps.create(config, docker));
        for (StepProvider provider : providers) {
          try {
            all.addAll(provider.steps(config));
          } catch (RuntimeException e) {
            throw new BridgeException(ErrorCode.PLUGIN_FAILED, "the step plugin '" + provider.name() + "' failed to give its steps: " + e.getMessage(),
                "Remove the plugin from the class path or update it.", e);
          }
        }
        all.addAll(extra);
        return all;
      };
      return new HostBridge(this, chosen, docker, steps, strategy, kept);
    }
  }
}
