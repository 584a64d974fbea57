package dev.hostbridge.api;

import java.nio.file.Path;
import java.util.Optional;

/** The tap driver and its devices (tuntaposx's /dev/tapN on macOS, /dev/net/tun on Linux). */
public interface TapDevices {

  /** Whether the driver is there, so that a tap device can be opened. */
  boolean driverPresent();

  /** What a person does to get the driver when it is missing, for this platform. */
  String driverRemedy();

  /** Installs the driver from an installer package (needs root); unsupported platforms throw. */
  void installDriver(Path installerPackage);

  /** The user who owns the device, or empty when the device does not exist. */
  Optional<String> owner(String device);

  /** Makes {@code user} the owner of the device, creating it where the platform must (needs root). */
  void claim(String device, String user);

  /** Gives the device back to root, removing it where {@link #claim} created it (needs root). */
  void release(String device);
}
