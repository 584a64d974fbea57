package dev.hostbridge.core.docker;

/** The machine a Docker engine runs on, as its {@code /info} names it: host name and kernel release. */
public record EngineHost(String name, String kernelVersion) {}
