package dev.hostbridge.core.docker;

import dev.hostbridge.api.ErrorCode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventActor;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.Ipv4Cidr;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** {@link DockerEngine} through docker-java and its zero-dependency transport. */
public final class DockerJavaEngine implements DockerEngine {

  private static final org.slf4j.Logger LOG = dev.hostbridge.core.Logs.get(DockerJavaEngine.class);

  private static final Duration HELPER_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration EVENTS_START = Duration.ofSeconds(10);

  private final DockerEndpoint endpoint;
  private final DockerClient client;
  private final ZerodepDockerHttpClient http;

  public DockerJavaEngine(DockerEndpoint endpoint) {
    this.endpoint = endpoint;
    DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(endpoint.uri().toString())
        .withDockerTlsVerify(false)
        .build();
    http = new ZerodepDockerHttpClient.Builder()
        .dockerHost(endpoint.uri())
        .connectionTimeout(Duration.ofSeconds(5))
        .responseTimeout(Duration.ofMinutes(3))
        .maxConnections(8)
        .build();
    this.client = DockerClientImpl.getInstance(config, http);
  }

  @Override
  public DockerEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public EngineInfo info() {
    Version version = call("ask the engine for its version", () -> client.versionCmd().exec());
    return new EngineInfo(version.getVersion(), version.getApiVersion(), version.getOperatingSystem(), version.getArch(),
        version.getKernelVersion());
  }

  @Override
  public EngineHost host() {
    com.github.dockerjava.api.model.Info info = call("ask the engine where it runs", () -> client.infoCmd().exec());
    return new EngineHost(Optional.ofNullable(info.getName()).orElse(""), Optional.ofNullable(info.getKernelVersion()).orElse(""));
  }

  @Override
  public Optional<String> firewallBackend() {
    // docker-java's Info has no FirewallBackend (API 1.50, Engine 28.2+), so /info is read as it is.
    com.github.dockerjava.transport.DockerHttpClient.Request request = com.github.dockerjava.transport.DockerHttpClient.Request.builder()
        .method(com.github.dockerjava.transport.DockerHttpClient.Request.Method.GET).path("/info").build();
    try (com.github.dockerjava.transport.DockerHttpClient.Response response = http.execute(request)) {
      if (response.getStatusCode() != 200) {
        throw new BridgeException(ErrorCode.DOCKER_REQUEST_FAILED, "Docker engine at " + endpoint.uri()
            + " could not tell its firewall backend: status " + response.getStatusCode(), "Check that the engine is healthy (docker info).");
      }
      return firewallDriver(response.getBody());
    } catch (IOException e) {
      throw new BridgeException(ErrorCode.DOCKER_REQUEST_FAILED, "Docker engine at " + endpoint.uri()
          + " could not tell its firewall backend: " + e.getMessage(), "Check that the engine is running (docker info).", e);
    } catch (RuntimeException e) {
      throw failure("tell its firewall backend", e);
    }
  }

  /** {@code FirewallBackend.Driver} of an {@code /info} answer (API 1.50+), empty when it has none. */
  static Optional<String> firewallDriver(java.io.InputStream info) throws IOException {
    com.fasterxml.jackson.databind.JsonNode driver = new com.fasterxml.jackson.databind.ObjectMapper().readTree(info)
        .path("FirewallBackend").path("Driver");
    return driver.isTextual() && !driver.asText().isBlank() ? Optional.of(driver.asText()) : Optional.empty();
  }

  @Override
  public Optional<DockerNetwork> network(String name) {
    // Listing by name filter matches substrings, and inspecting by name also matches id prefixes;
    // only an exact name counts.
    Optional<Network> listed = call("list networks", () -> client.listNetworksCmd().withNameFilter(name).exec())
        .stream().filter(n -> name.equals(n.getName())).findFirst();
    if (listed.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(toNetwork(call("inspect network " + name,
          () -> client.inspectNetworkCmd().withNetworkId(listed.get().getId()).exec())));
    } catch (BridgeException e) {
      if (e.getCause() instanceof NotFoundException) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public DockerNetwork createNetwork(NetworkSpec spec) {
    Network.Ipam ipam = null;
    if (spec.subnet().isPresent()) {
      Network.Ipam.Config pool = new Network.Ipam.Config().withSubnet(spec.subnet().get().toString());
      spec.gateway().ifPresent(g -> pool.withGateway(g.addressText()));
      ipam = new Network.Ipam().withConfig(pool);
    }
    Network.Ipam chosenIpam = ipam;
    String id = call("create network " + spec.name(), () -> client.createNetworkCmd()
        .withName(spec.name())
        .withDriver(spec.driver())
        .withOptions(spec.options())
        .withLabels(spec.labels())
        .withIpam(chosenIpam)
        .exec()).getId();
    try {
      return toNetwork(call("inspect network " + spec.name(), () -> client.inspectNetworkCmd().withNetworkId(id).exec()));
    } catch (RuntimeException e) {
      // Created but unreadable: take it away again, so that no network exists that nobody journaled.
      try {
        removeNetwork(id);
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  @Override
  public void removeNetwork(String idOrName) {
    call("remove network " + idOrName, () -> {
      client.removeNetworkCmd(idOrName).exec();
      return null;
    });
  }

  @Override
  public boolean hasImage(String image) {
    try {
      client.inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    } catch (RuntimeException e) {
      throw failure("inspect image " + image, e);
    }
  }

  @Override
  public void pull(String image) {
    // Without a tag the API pulls every tag of the repository.
    int slash = image.lastIndexOf('/');
    boolean tagged = image.indexOf(':', slash + 1) >= 0 || image.contains("@");
    String reference = tagged ? image : image + ":latest";
    LOG.debug("pulling {} through {}", reference, endpoint.uri());
    try (ResultCallback.Adapter<PullResponseItem> pull = client.pullImageCmd(reference).start()) {
      if (!pull.awaitCompletion(10, TimeUnit.MINUTES)) {
        throw pullFailed(reference, "the pull did not finish within 10 minutes", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw pullFailed(reference, "interrupted", e);
    } catch (DockerException | IllegalStateException | IOException e) {
      throw pullFailed(reference, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().trim(), e);
    } catch (RuntimeException e) {
      if (e.getCause() instanceof IOException) {
        throw pullFailed(reference, e.getMessage(), e);
      }
      throw e;
    }
  }

  /**
   * The engine answered but could not get the image: most often it has no way to the registry
   * (offline, a proxy, a private registry). An image it already has avoids the pull altogether.
   */
  private BridgeException pullFailed(String reference, String detail, Throwable cause) {
    return new BridgeException(ErrorCode.DOCKER_PULL_FAILED, "the Docker engine at " + endpoint.uri() + " could not pull the helper image " + reference + ": " + detail,
        "The engine needs the helper image, and pulling it needs its registry (is this machine offline?). Give "
            + "--helper-image (or HOST_BRIDGE_HELPER_IMAGE) an image the engine already has and that has sh and ip, "
            + "e.g. one listed by 'docker image ls' such as busybox, or load one with 'docker load'.", cause);
  }

  @Override
  public HelperRun.Result runHelper(HelperRun run) {
    removeOrphanedHelpers();
    HostConfig host = HostConfig.newHostConfig()
        .withCapAdd(run.addedCapabilities().stream().map(Capability::valueOf).toArray(Capability[]::new));
    if (run.hostNetwork()) {
      host.withNetworkMode("host");
    }
    CreateContainerResponse created = call("create a helper container from " + run.image(),
        () -> client.createContainerCmd(run.image())
            .withCmd(run.command())
            .withEnv(run.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
            .withLabels(Map.of(HelperOwner.HELPER_LABEL, "true", HelperOwner.OWNER_LABEL, HelperOwner.current().label()))
            .withHostConfig(host)
            .exec());
    String id = created.getId();
    LOG.debug("helper container {} from {}: {}", id.substring(0, Math.min(12, id.length())), run.image(), run.command());
    try {
      call("start the helper container", () -> {
        client.startContainerCmd(id).exec();
        return null;
      });
      dev.hostbridge.core.engine.TestPoint.at("helper:running");
      Integer exit = call("wait for the helper container",
          () -> client.waitContainerCmd(id).start().awaitStatusCode(HELPER_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
      return new HelperRun.Result(exit, logs(id));
    } finally {
      try {
        client.removeContainerCmd(id).withForce(true).exec();
      } catch (RuntimeException e) {
        // Best effort, also with the engine gone (which must not hide why the run failed): its
        // owner label lets the next run remove it (removeOrphanedHelpers).
      }
    }
  }

  @Override
  public List<RoutableNetwork> routableNetworks() {
    List<RoutableNetwork> out = new ArrayList<>();
    for (Network network : call("list networks", () -> client.listNetworksCmd().exec())) {
      List<Ipv4Cidr> subnets = new ArrayList<>();
      java.util.Set<Integer> taken = new java.util.HashSet<>();
      if (network.getIpam() != null && network.getIpam().getConfig() != null) {
        for (Network.Ipam.Config pool : network.getIpam().getConfig()) {
          if (pool.getSubnet() != null && !pool.getSubnet().contains(":")) {
            try {
              subnets.add(Ipv4Cidr.parse(pool.getSubnet()));
            } catch (IllegalArgumentException e) {
              LOG.debug("network {}: subnet {} is not one host-bridge routes", network.getName(), pool.getSubnet());
            }
          }
          ipv4(pool.getGateway()).ifPresent(taken::add);
        }
      }
      Map<String, String> options = network.getOptions() == null ? Map.of() : network.getOptions();
      Optional<String> bridge = Optional.empty();
      if ("bridge".equals(network.getDriver())) {
        String id = network.getId();
        bridge = Optional.of(options.getOrDefault("com.docker.network.bridge.name", "br-" + id.substring(0, Math.min(12, id.length()))));
      }
      Optional<String> parent = "macvlan".equals(network.getDriver()) ? Optional.ofNullable(options.get("parent")) : Optional.empty();
      if (parent.isPresent()) {
        // Listing leaves the containers out; the VM side's address on a macvlan network must miss theirs.
        try {
          Network inspected = client.inspectNetworkCmd().withNetworkId(network.getId()).exec();
          if (inspected.getContainers() != null) {
            inspected.getContainers().values().forEach(c -> ipv4(c.getIpv4Address()).ifPresent(taken::add));
          }
        } catch (NotFoundException e) {
          continue; // removed since it was listed
        } catch (RuntimeException e) {
          throw failure("inspect network " + network.getName(), e);
        }
      }
      out.add(new RoutableNetwork(network.getId(), network.getName(), network.getDriver(),
          network.getScope() == null ? "local" : network.getScope(), Boolean.TRUE.equals(network.getInternal()), subnets, bridge, parent,
          taken));
    }
    return out;
  }

  /** An IPv4 address as Docker writes one, bare or with its prefix ({@code 172.20.0.2/16}); empty for anything else. */
  private static Optional<Integer> ipv4(String text) {
    if (text == null || text.isBlank() || text.contains(":")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Ipv4Cidr.parseAddress(text.contains("/") ? text.substring(0, text.indexOf('/')) : text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public TunnelHelper.Started startTunnelHelper(TunnelHelper helper) {
    // A helper still running keeps a wireguard-go whose control socket only its own container can
    // reach: it goes, and its interface with it, so that the new run starts afresh.
    removeTunnelHelpers(helper.interfaceName());
    HostConfig host = HostConfig.newHostConfig().withNetworkMode("host").withCapAdd(Capability.NET_ADMIN);
    List<String> env = new ArrayList<>();
    helper.environment().forEach((key, value) -> env.add(key + "=" + value));
    Map<String, String> labels = Map.of(TunnelHelper.LABEL, helper.interfaceName(),
        HelperOwner.OWNER_LABEL, HelperOwner.current().label());
    String id = call("create the tunnel's helper container from " + helper.image(), () -> client.createContainerCmd(helper.image())
        .withEntrypoint(helper.command()).withCmd(List.of()).withEnv(env).withLabels(labels).withHostConfig(host).exec()).getId();
    boolean keep = false;
    try {
      call("start the tunnel's helper container", () -> {
        client.startContainerCmd(id).exec();
        return null;
      });
      String output = followUntilAnswer(id, Duration.ofMinutes(1));
      Boolean running = call("inspect the tunnel's helper container", () -> client.inspectContainerCmd(id).exec().getState().getRunning());
      keep = Boolean.TRUE.equals(running);
      return new TunnelHelper.Started(id, output, keep);
    } finally {
      if (!keep) {
        try {
          client.removeContainerCmd(id).withForce(true).exec();
        } catch (RuntimeException e) {
          // its label lets the next start, or uninstall, remove it (also with the engine gone)
        }
      }
    }
  }

  @Override
  public int removeTunnelHelpers(String interfaceName) {
    int removed = 0;
    for (com.github.dockerjava.api.model.Container helper : call("list the tunnel's helper containers", () -> client.listContainersCmd()
        .withShowAll(true).withLabelFilter(Map.of(TunnelHelper.LABEL, interfaceName)).exec())) {
      try {
        client.removeContainerCmd(helper.getId()).withForce(true).exec();
        removed++;
      } catch (NotFoundException e) {
        // gone meanwhile
      } catch (RuntimeException e) {
        throw failure("remove the tunnel's helper container " + helper.getId(), e);
      }
    }
    return removed;
  }

  /** The container's output until a line ready=1 or error=..., or until it ends or {@code limit} passes. */
  private String followUntilAnswer(String id, Duration limit) {
    StringBuilder out = new StringBuilder();
    java.util.concurrent.CountDownLatch answered = new java.util.concurrent.CountDownLatch(1);
    try (ResultCallback.Adapter<Frame> callback = client.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true)
        .exec(new ResultCallback.Adapter<>() {
          @Override
          public void onNext(Frame frame) {
            synchronized (out) {
              out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
              String text = out.toString();
              if (text.contains("ready=1\n") || text.matches("(?s)(.*\n)?error=[^\n]*\n.*")) {
                answered.countDown();
              }
            }
          }

          @Override
          public void onComplete() {
            answered.countDown();
            super.onComplete();
          }
        })) {
      if (!answered.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.debug("tunnel helper {} did not answer within {}", id, limit);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the output so far is what we have
    }
    synchronized (out) {
      return out.toString();
    }
  }

  @Override
  public void removeImage(String reference) {
    try {
      client.removeImageCmd(reference).exec();
    } catch (NotFoundException e) {
      // gone already
    } catch (RuntimeException e) {
      throw failure("remove the image " + reference, e);
    }
  }

  @Override
  public void buildImage(java.io.InputStream context, String tag) {
    call("build the image " + tag, () -> client.buildImageCmd().withTarInputStream(context).withTags(java.util.Set.of(tag))
        .withLabels(Map.of(TunnelHelper.LABEL, "image")).start().awaitImageId());
  }

  /**
   * Removes the helper containers that no live process will remove: those whose owner (a process
   * of this machine, by pid and start time) is gone, e.g. killed while its helper ran, and exited
   * helpers without an owner label. A helper of a process that is still running is left alone.
   */
  void removeOrphanedHelpers() {
    boolean localEngine = endpoint.isUnixSocket();
    List<com.github.dockerjava.api.model.Container> helpers;
    try {
      helpers = client.listContainersCmd().withShowAll(true)
          .withLabelFilter(Map.of(HelperOwner.HELPER_LABEL, "true")).exec();
    } catch (RuntimeException e) {
      return; // the helper run that follows will report an engine that does not answer, in its words
    }
    for (com.github.dockerjava.api.model.Container helper : helpers) {
      Map<String, String> labels = helper.getLabels() == null ? Map.of() : helper.getLabels();
      boolean running = "running".equals(helper.getState());
      if (HelperOwner.isOrphan(labels.get(HelperOwner.OWNER_LABEL), running, localEngine)) {
        try {
          client.removeContainerCmd(helper.getId()).withForce(true).exec();
        } catch (RuntimeException e) {
          // gone meanwhile, being removed by the engine already, or the engine is going
        }
      }
    }
  }

  @Override
  public AutoCloseable watchNetworks(java.util.function.Consumer<NetworkEvent> listener, Runnable onEnd) {
    java.util.concurrent.CompletableFuture<Void> opened = new java.util.concurrent.CompletableFuture<>();
    java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicBoolean closedByUs = new java.util.concurrent.atomic.AtomicBoolean();
    // Only a stream that opened can end: one that never did is a failure to connect, thrown below.
    Runnable endOnce = () -> {
      if (opened.isDone() && !opened.isCompletedExceptionally() && !closedByUs.get() && ended.compareAndSet(false, true)) {
        onEnd.run();
      }
    };
    ResultCallback.Adapter<Event> stream = call("watch network events", () -> client.eventsCmd()
        .withEventTypeFilter(EventType.NETWORK)
        .exec(new ResultCallback.Adapter<Event>() {
          @Override
          public void onStart(java.io.Closeable stream) {
            super.onStart(stream);
            if (closedByUs.get()) {
              try {
                close(); // given up on before the engine answered: nobody listens any more
              } catch (IOException e) {
                LOG.debug("closing an event stream nobody waits for", e);
              }
            } else {
              opened.complete(null);
            }
          }

          @Override
          public void onNext(Event event) {
            EventActor actor = event.getActor();
            String id = actor == null ? "" : actor.getId();
            String name = actor == null || actor.getAttributes() == null ? "" : actor.getAttributes().getOrDefault("name", "");
            listener.accept(new NetworkEvent(event.getAction(), id, name));
          }

          @Override
          public void onError(Throwable throwable) {
            LOG.debug("the network event stream broke", throwable);
            opened.completeExceptionally(throwable); // no effect once it had opened
            endOnce.run();
          }

          @Override
          public void onComplete() {
            opened.completeExceptionally(new IOException("the engine ended the event stream at once"));
            endOnce.run();
          }
        }));
    try {
      // exec returns at once; the engine's answer, or the failure to reach it, comes after.
      opened.get(EVENTS_START.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      closedByUs.set(true);
      try {
        stream.close();
      } catch (IOException | RuntimeException closing) {
        // it never opened
      }
      if (e instanceof java.util.concurrent.ExecutionException failed && failed.getCause() instanceof RuntimeException cause) {
        throw failure("watch network events", cause);
      }
      if (e instanceof java.util.concurrent.ExecutionException failed) {
        throw failure("watch network events", new IllegalStateException(failed.getCause().getMessage(), failed.getCause()));
      }
      throw new BridgeException(ErrorCode.DOCKER_UNREACHABLE, "the Docker engine at " + endpoint.uri()
          + " did not open its event stream within " + EVENTS_START.toSeconds() + " s", "Start Docker (docker info answers when it is up).");
    }
    return () -> {
      closedByUs.set(true);
      stream.close();
    };
  }

  private String logs(String id) {
    StringBuilder out = new StringBuilder();
    try (ResultCallback.Adapter<Frame> callback = client.logContainerCmd(id).withStdOut(true).withStdErr(true)
        .exec(new ResultCallback.Adapter<>() {
          @Override
          public void onNext(Frame frame) {
            out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
          }
        })) {
      callback.awaitCompletion(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the output so far is what we have
    }
    return out.toString();
  }

  private static DockerNetwork toNetwork(Network network) {
    Optional<Ipv4Cidr> subnet = Optional.empty();
    Optional<Ipv4Cidr> gateway = Optional.empty();
    if (network.getIpam() != null && network.getIpam().getConfig() != null) {
      for (Network.Ipam.Config pool : network.getIpam().getConfig()) {
        if (pool.getSubnet() == null || pool.getSubnet().contains(":")) {
          continue;
        }
        Ipv4Cidr cidr = Ipv4Cidr.parse(pool.getSubnet());
        subnet = Optional.of(cidr);
        if (pool.getGateway() != null && !pool.getGateway().isEmpty()) {
          gateway = Optional.of(cidr.withAddress(Ipv4Cidr.parseAddress(pool.getGateway())));
        }
        break;
      }
    }
    List<String> containers = new ArrayList<>();
    if (network.getContainers() != null) {
      network.getContainers().forEach((id, c) -> containers.add(c.getName() != null ? c.getName() : id));
    }
    return new DockerNetwork(network.getId(), network.getName(), network.getDriver(),
        network.getOptions() == null ? Map.of() : network.getOptions(),
        network.getLabels() == null ? Map.of() : network.getLabels(),
        subnet, gateway, containers);
  }

  private <T> T call(String what, Supplier<T> action) {
    try {
      return action.get();
    } catch (DockerException | IllegalStateException | IllegalArgumentException e) {
      throw failure(what, e);
    } catch (RuntimeException e) {
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof IOException) {
          throw failure(what, e);
        }
      }
      throw e;
    }
  }

  private BridgeException failure(String what, RuntimeException e) {
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().trim();
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException io) {
        // The socket broke or is gone: the engine stopped (a VM restart, Resource Saver, a crash).
        return new BridgeException(ErrorCode.DOCKER_UNREACHABLE, "the Docker engine at " + endpoint.uri()
            + " stopped answering while host-bridge tried to " + what + " (" + (io.getMessage() == null ? io.getClass().getSimpleName()
            : io.getMessage()) + ")", "Start Docker again (docker info answers when it is up), then run the command again.", e);
      }
    }
    return new BridgeException(ErrorCode.DOCKER_REQUEST_FAILED, "Docker engine at " + endpoint.uri() + " could not " + what + ": " + detail,
        "Check that the engine is running and healthy (docker info), then try again.", e);
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }
}
