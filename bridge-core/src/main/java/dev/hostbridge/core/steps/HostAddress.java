package dev.hostbridge.core.steps;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.StepIds;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.InterfaceState;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.Step;
import dev.hostbridge.api.StepContext;
import dev.hostbridge.api.StepStatus;
import dev.hostbridge.core.docker.DockerEngine;
import dev.hostbridge.core.docker.DockerNetwork;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Step 7: the host's tap interface has the network's gateway address, with the network's
 * prefix, and is up. Volatile: the interface goes away when the VM stops, so {@code install}
 * run again re-applies just this (the seed's "re-run step 7 after every restart").
 */
public final class HostAddress implements Step {

  private final Supplier<DockerEngine> docker;

  public HostAddress(Supplier<DockerEngine> docker) {
    this.docker = docker;
  }

  @Override
  public String id() {
    return StepIds.HOST_ADDRESS;
  }

  @Override
  public String description() {
    return "the host's tap interface has the network's gateway address";
  }

  @Override
  public Set<String> dependsOn() {
    return Set.of(StepIds.DOCKER_NETWORK, StepIds.TAP_OWNERSHIP);
  }

  @Override
  public boolean isVolatile() {
    return true;
  }

  @Override
  public StepStatus check(StepContext context) {
    String device = context.config().device();
    Optional<Ipv4Cidr> gateway = gateway(context, false);
    if (gateway.isEmpty()) {
      return StepStatus.pending("the network '" + context.config().network() + "' does not exist yet");
    }
    Optional<InterfaceState> tap = context.platform().interfaces().find(device);
    if (tap.isEmpty()) {
      return StepStatus.pending(device + " does not exist (it appears while the VM runs); it will get " + gateway.get());
    }
    if (tap.get().has(gateway.get()) && tap.get().up()) {
      return StepStatus.satisfied(device + " has " + gateway.get() + " and is up");
    }
    return StepStatus.pending(device + " will get " + gateway.get() + " and be brought up");
  }

  @Override
  public void apply(StepContext context) {
    String device = context.config().device();
    Ipv4Cidr gateway = gateway(context, true).orElseThrow();
    Optional<InterfaceState> tap = context.platform().interfaces().find(device);
    if (tap.isEmpty()) {
      throw new BridgeException(ErrorCode.HOST_NO_TAP, "the host has no interface " + device, "Check that Docker is running with the shim (host-bridge status), then run install again.");
    }
    boolean hadIt = tap.get().has(gateway);
    context.record("device", device);
    context.record("address", gateway.toString());
    context.record("address-was-there", Boolean.toString(hadIt));
    context.platform().interfaces().addAddress(device, gateway);
    try {
      context.platform().interfaces().setUp(device, true);
    } catch (RuntimeException e) {
      if (!hadIt) {
        try {
          context.platform().interfaces().removeAddress(device, gateway); // leave nothing behind
        } catch (RuntimeException cleanup) {
          e.addSuppressed(cleanup);
        }
      }
      throw e;
    }
  }

  @Override
  public void revert(StepContext context) {
    Optional<Ipv4Cidr> address = Recorded.address(context, "address");
    String device = Recorded.device(context, "device").orElse(context.config().device());
    if (Boolean.parseBoolean(context.recorded("address-was-there").orElse("false"))) {
      context.progress(device + " had " + address.map(Object::toString).orElse("the address") + " before host-bridge came; it stays");
      return;
    }
    if (address.isPresent() && context.platform().interfaces().find(device).isPresent()) {
      context.platform().interfaces().removeAddress(device, address.get());
    }
  }

  /** The configured gateway, else the one Docker chose for the network. */
  private Optional<Ipv4Cidr> gateway(StepContext context, boolean required) {
    if (context.config().gateway().isPresent()) {
      return context.config().gateway();
    }
    Optional<DockerNetwork> network = docker.get().network(context.config().network());
    if (network.isPresent() && network.get().gateway().isEmpty()) {
      throw new BridgeException(ErrorCode.NETWORK_NO_GATEWAY, "the network '" + context.config().network() + "' has no IPv4 gateway",
          "Recreate it with a gateway, or give --subnet and --gateway.");
    }
    if (required && network.isEmpty()) {
      throw new BridgeException(ErrorCode.NETWORK_MISSING, "the network '" + context.config().network() + "' does not exist", "Run host-bridge install again.");
    }
    return network.flatMap(DockerNetwork::gateway);
  }
}
