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
 * BridgeConfig config = Settings.builder().environment(System.getenv()).build();
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

  /**
   * Starts building a bridge for a configuration.
   *
   * @param config the configuration; not null. {@link Settings#builder()} makes one whose every value
   *     is checked; an implementation of {@link BridgeConfig} of one's own is taken as it is,
   *     unchecked, so its values are the embedder's to vouch for
   * @return a new builder
   * @throws NullPointerException when {@code config} is null
   */
  public static Builder builder(BridgeConfig config) {
    return new Builder(config);
  }

  /**
   * The configuration this bridge was built with.
   *
   * @return the configuration
   */
  public BridgeConfig config() {
    return config;
  }

  /**
   * The host platform this bridge acts through: the one given to {@link Builder#platform}, or else
   * the one {@link Builder#build()} chose for the configuration.
   *
   * @return the platform
   */
  public HostPlatform platform() {
    return platform;
  }

  /**
   * Replaces the host's tunnel key with a new one ({@code install --rekey}); returns its public
   * key. The watcher that keeps the tunnel restarts it with the new key at its next look (every
   * 25 s while all is well) and sets the VM side up again. Takes the state directory's lock.
   *
   * @return the new key's public half, in WireGuard's base64 form
   * @throws BridgeException when the strategy is not the tunnel ({@code config.invalid.rekey}),
   *     when another run holds the state directory's lock for more than 10 s
   *     ({@code state.locked}), or when the key cannot be written ({@code tunnel.key})
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

  /** The host's side of the tunnel, when this process keeps it and it was made. */
  Optional<TunnelRuntime> tunnelRuntime() {
    return tunnel.current();
  }

  /**
   * The Docker engine came back after it was gone: the VM may have restarted and taken its side of
   * the tunnel along, so the watcher sets it up again at once rather than after its silence.
   */
  void engineCameBack() {
    tunnel.current().ifPresent(TunnelRuntime::vmMayHaveRestarted);
  }

  /**
   * What the tunnel finds in the VM (for doctor): its image, the VM kernel's WireGuard, the
   * firewall, the endpoint's name. When the tunnel's image is there, it runs a short-lived helper
   * container in the VM; that probe changes nothing but a test interface it makes and removes.
   *
   * @return one diagnostic for each thing looked at; only the image's when the image is missing
   * @throws BridgeException when no Docker engine can be reached, or the helper cannot be run
   */
  public List<dev.hostbridge.api.Diagnostic> tunnelDiagnostics() {
    return dev.hostbridge.core.tunnel.TunnelProbe.diagnose(config, docker.get());
  }

  /**
   * The strategy in use: {@code --strategy}, with auto resolved for this machine. For auto, an
   * installation in the journal decides first; otherwise on macOS the Docker Desktop back end
   * decides, and on Linux the Docker engine is asked whether it runs on this machine (the tap) or
   * elsewhere, in a VM say (the tunnel). Once decided, the answer is kept for the life of the
   * bridge; while auto cannot be decided (no engine answers on Linux and nothing is installed) this
   * returns the tap and asks again on the next call.
   *
   * @return the strategy; never auto
   */
  public BridgeConfig.Strategy strategy() {
    return strategy.get();
  }

  /**
   * Every step this bridge knows, built-in and from plugins, in registration order. Made anew
   * for each operation, so that what a step caches while probing lives for one run only.
   *
   * @return the built-in steps, then the plugins' steps, then those given to
   *     {@link Builder#addStep}, not yet ordered by their dependencies
   * @throws BridgeException with code {@code plugin.failed} when a plugin fails to give its steps
   */
  public List<Step> steps() {
    return steps.get();
  }

  /**
   * Probes every step and says what {@link #install()} would do; changes nothing. A probe that
   * fails makes its step BLOCKED with the failure's code; it is not thrown.
   *
   * @return the steps in the order they would run, each with its state
   * @throws BridgeException when the journal cannot be read or is damaged, when a plugin fails to
   *     give its steps, or when the steps cannot be ordered (a duplicate id, a cycle, a missing
   *     dependency)
   */
  public Plan plan() {
    return planner().plan(steps(), loadJournal()).plan();
  }

  /**
   * Applies every PENDING step in order. Nothing changes when any step is BLOCKED
   * ({@link dev.hostbridge.api.PlanBlockedException}); a failed step reverts what this run
   * newly applied ({@link dev.hostbridge.api.RunFailedException}); a step the journal had from
   * an earlier install stays. Returns the plan it carried out. Takes the state directory's lock.
   *
   * @return the plan as probed before anything changed
   * @throws dev.hostbridge.api.PlanBlockedException when a step is BLOCKED; nothing was changed
   * @throws dev.hostbridge.api.RunFailedException when a step fails to apply
   * @throws BridgeException the failure of the first step whose probe failed (nothing was changed),
   *     or when another run holds the state directory's lock for more than 10 s
   *     ({@code state.locked}), or when the journal cannot be read or written
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
   * {@link #install()}, which a person runs. Returns the plan it carried out. Fails as
   * {@link #install()} does, for any step's probe failure or any BLOCKED step too.
   *
   * @return the plan as probed before anything changed
   * @throws dev.hostbridge.api.PlanBlockedException when a step is BLOCKED; nothing was changed
   * @throws dev.hostbridge.api.RunFailedException when a step fails to apply
   * @throws BridgeException the failure of the first step whose probe failed (nothing was changed),
   *     or when another run holds the state directory's lock for more than 10 s
   *     ({@code state.locked}), or when the journal cannot be read or written
   */
  public Plan installVolatile() {
    try (StateLock lock = StateLock.acquire(config.stateDir())) {
      Journal journal = loadJournal();
      ProbedPlan probed = planner().plan(steps(), journal);
      new Runner(config, platform, events, clock, new EngineDockerAccess(docker)).install(probed, journal, Step::isVolatile);
      return probed.plan();
    }
  }

  /**
   * Undoes, newest first, every change the journal says this tool made. A change that cannot be
   * undone, or whose step no built-in step or plugin provides any more, stays in the journal; the
   * others are still undone. Takes the state directory's lock.
   *
   * @throws BridgeException with code {@code uninstall.incomplete} and the kind of the first
   *     failure when some change could not be undone; also when another run holds the state
   *     directory's lock for more than 10 s ({@code state.locked}), when the journal cannot be
   *     read, or when a plugin fails to give its steps
   */
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
   * hears each change of its condition. It starts watching when its {@link Watcher#run()} is called.
   *
   * @param log hears, one line at a time, each change of the watcher's condition, each repair, and
   *     the Docker engine going and coming back; called on the thread of {@link Watcher#run()} and
   *     on the watcher's own Docker thread
   * @param backoff how long to wait before a failed check is retried or Docker is reconnected to
   * @return a new watcher, not yet running
   */
  public Watcher watcher(java.util.function.Consumer<String> log, Watcher.Backoff backoff) {
    return new Watcher(this, docker, log, backoff, clock);
  }

  /**
   * The plan, the tap interface's address and the journal, without changing anything. Probes every
   * step, as {@link #plan()} does.
   *
   * @return the platform's name, the plan, the Docker network, the device, the first address of
   *     the device (empty when it has none or is missing) and the ids of the journaled steps
   * @throws BridgeException as {@link #plan()} does
   */
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

  /**
   * The journal as it is on disk now, read-only. Takes no lock.
   *
   * @return the journaled changes, oldest first; an empty view when there is no journal file
   * @throws BridgeException when the journal cannot be read ({@code journal.unreadable}) or is
   *     damaged ({@code journal.corrupt})
   */
  public JournalView journal() {
    Journal journal = loadJournal();
    return new JournalView(journal.file(), journal.entries().stream()
        .map(e -> new JournalView.Change(e.stepId(), e.state() == JournalEntry.State.APPLIED, e.at(), e.records()))
        .toList());
  }

  /**
   * Where the journal is kept: {@link #JOURNAL_FILE} in the configuration's state directory.
   *
   * @return the journal's path; the file may not exist
   */
  public Path journalFile() {
    return config.stateDir().resolve(JOURNAL_FILE);
  }

  private Planner planner() {
    return new Planner(config, platform, events, new EngineDockerAccess(docker));
  }

  /**
   * Closes the Docker client if one was started, then what was given to {@link Builder#closeWith},
   * newest first. Each is closed even when one before it fails; the first failure is thrown.
   * Before those, the host's end of a tunnel this process keeps is closed; after them, a platform
   * that {@link Builder#build()} chose (when it can be closed).
   *
   * @throws RuntimeException the first failure: the Docker client's as it is; any other's in a
   *     {@code BridgeException} with code {@code close.failed}, unless it was a
   *     {@code BridgeException} already. Later failures are added to it as suppressed.
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

  /**
   * Sets up a {@link HostBridge}; get one from {@link HostBridge#builder}. Each setter returns this
   * builder. Call {@link #build()} once per builder: what it makes joins the builder's list of
   * things to close, which a second bridge would share.
   */
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

    /**
     * Uses this platform instead of the one ServiceLoader finds for {@code config.platform()}. A
     * platform given here is not closed with the bridge; give it to {@link #closeWith} too if it
     * should be.
     *
     * @param platform the platform; null lets {@link #build()} choose one
     * @return this builder
     */
    public Builder platform(HostPlatform platform) {
      this.platform = platform;
      return this;
    }

    /** How to reach Docker; by default the engine the configuration resolves. Called at most once, on first use (through {@link Seams}). */
    Builder dockerEngine(Supplier<DockerEngine> factory) {
      this.dockerFactory = factory;
      return this;
    }

    /**
     * Adds a step of the embedder's own, ordered by its dependencies like a plugin's.
     *
     * @param step the step; not null
     * @return this builder
     * @throws NullPointerException when {@code step} is null
     */
    public Builder addStep(Step step) {
      extraSteps.add(Objects.requireNonNull(step));
      return this;
    }

    /**
     * Adds several steps of the embedder's own, in order.
     *
     * @param steps the steps; not null, and no element null
     * @return this builder
     * @throws NullPointerException when {@code steps} or one of its elements is null
     */
    public Builder addSteps(List<? extends Step> steps) {
      steps.forEach(this::addStep);
      return this;
    }

    /**
     * Leaves out the built-in steps (an embedder that brings all of its own). {@link #keepTunnel}
     * then has no effect, since the tunnel's steps are among them.
     *
     * @return this builder
     */
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
     *
     * @param log hears what the tunnel says, one line at a time; not null
     * @return this builder
     * @throws NullPointerException when {@code log} is null
     */
    public Builder keepTunnel(java.util.function.Consumer<String> log) {
      this.tunnelLog = Objects.requireNonNull(log);
      return this;
    }

    /**
     * Whether to add the steps of {@link StepProvider} plugins found by ServiceLoader (default true).
     *
     * @param discover true to look for plugins, false to leave them out
     * @return this builder
     */
    public Builder discoverPlugins(boolean discover) {
      this.discoverPlugins = discover;
      return this;
    }

    /**
     * The class loader that plugins are looked up with, and the platform too when none was given
     * to {@link #platform}; by default the one that loaded {@link HostBridge}.
     *
     * @param loader the class loader; not null
     * @return this builder
     * @throws NullPointerException when {@code loader} is null
     */
    public Builder pluginClassLoader(ClassLoader loader) {
      this.pluginLoader = Objects.requireNonNull(loader);
      return this;
    }

    /**
     * The clock the journal's times and the watcher's come from; by default the system clock in UTC.
     *
     * @param clock the clock; not null
     * @return this builder
     * @throws NullPointerException when {@code clock} is null
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /**
     * Closes {@code resource} when the bridge is closed: something made for this bridge alone, such
     * as the root helper process that its platform sends privileged changes to. Resources are
     * closed newest first.
     *
     * @param resource what to close; not null
     * @return this builder
     * @throws NullPointerException when {@code resource} is null
     */
    public Builder closeWith(AutoCloseable resource) {
      closeWith.add(Objects.requireNonNull(resource));
      return this;
    }

    /**
     * A plugin setting that the embedder's own steps read, so that {@code --set} of it is not refused.
     *
     * @param key the setting's key, as given to {@code --set}
     * @return this builder
     */
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

    /**
     * Calls {@code listener} with every event of {@code type}, subtypes included, on the thread
     * that runs the operation, in the order listeners were added. A listener that throws is logged
     * and does not stop the run.
     *
     * @param <E> the type of event
     * @param type the class of the events to hear, such as {@code BridgeEvent.StepApplied.class}
     * @param listener what hears them
     * @return this builder
     */
    public <E extends BridgeEvent> Builder addListener(Class<E> type, Consumer<? super E> listener) {
      events.register(type, listener);
      return this;
    }

    /**
     * Makes the bridge. Without a platform given, it chooses one with the plugin class loader: the
     * one the configuration names, or else the highest-priority one that runs here. It looks up the
     * step plugins. With {@link #keepTunnel} it tells the strategy now if it can (for auto on
     * Linux, by asking the Docker engine) and, for the tunnel, prepares the host's end of it,
     * which the tunnel's steps start.
     *
     * @return the bridge; close it when done
     * @throws BridgeException when no platform is found or the one named does not run here
     *     ({@code platform.none}, {@code platform.unavailable}), or when a {@code --set} key is one
     *     that no plugin, and no {@link #acceptSetting} call, takes ({@code config.invalid.set})
     */
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
