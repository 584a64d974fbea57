package dev.hostbridge.api;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An open layer-3 tunnel device (utun on macOS, TUN on Linux): whole IP packets in and out, with
 * no link-layer or family header. The interface exists while the device is open and goes when it
 * is closed. One thread may read while another writes.
 */
public interface PacketDevice extends AutoCloseable {

  /**
   * The interface's name as the kernel gave it (on macOS {@code utunN}, whatever was asked).
   *
   * @return the name
   */
  String name();

  /**
   * Blocks until a packet leaves the host through this interface and puts it in {@code into}
   * from its position; returns the packet's length, or -1 once the device is closed.
   *
   * @param into where the packet goes, from its position on
   * @return the packet's length in bytes, or -1 once the device is closed
   * @throws IOException when the device cannot be read
   */
  int read(ByteBuffer into) throws IOException;

  /**
   * Hands the packet between {@code from}'s position and limit to the host, as if it had arrived on this interface.
   *
   * @param from one whole IP packet, between its position and its limit
   * @throws IOException when the device cannot be written
   */
  void write(ByteBuffer from) throws IOException;

  /** Closes the device; a read blocked in another thread returns -1. */
  @Override
  void close();
}
