package dev.hostbridge.api;

import java.nio.file.Path;
import java.util.Optional;

/** The tap driver and its devices (tuntaposx's /dev/tapN on macOS, /dev/net/tun on Linux). */
public interface TapDevices {

  /**
   * Whether the driver is there, so that a tap device can be opened.
   *
   * @return true when the driver is loaded
   */
  boolean driverPresent();

  /**
   * What a person does to get the driver when it is missing, for this platform.
   *
   * @return the remedy, for people
   */
  String driverRemedy();

  /**
   * Installs the driver from an installer package (needs root); unsupported platforms throw.
   *
   * @param installerPackage the driver's installer package, e.g. tuntaposx's {@code .pkg}
   */
  void installDriver(Path installerPackage);

  /**
   * The user who owns the device, or empty when the device does not exist.
   *
   * @param device the device's name, e.g. {@code tap1}
   * @return the owner's user name; empty when there is no such device
   */
  Optional<String> owner(String device);

  /**
   * Makes {@code user} the owner of the device, creating it where the platform must (needs root).
   *
   * @param device the device's name, e.g. {@code tap1}
   * @param user the user name of the new owner
   */
  void claim(String device, String user);

  /**
   * Gives the device back to root, removing it where {@link #claim} created it (needs root).
   *
   * @param device the device's name, e.g. {@code tap1}
   */
  void release(String device);
}
