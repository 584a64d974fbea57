package dev.hostbridge.core.docker;

/** Something happened to a Docker network: {@code action} is Docker's word (create, destroy, connect, disconnect). */
public record NetworkEvent(String action, String networkId, String networkName) {}
