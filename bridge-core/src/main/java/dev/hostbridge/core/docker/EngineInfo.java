package dev.hostbridge.core.docker;

/** The engine's version and where it runs. */
public record EngineInfo(String version, String apiVersion, String operatingSystem, String architecture, String kernelVersion) {}
