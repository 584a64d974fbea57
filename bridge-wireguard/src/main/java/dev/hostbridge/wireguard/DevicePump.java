package dev.hostbridge.wireguard;

import dev.hostbridge.api.PacketDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Joins a tunnel device to an endpoint: packets the host sends into the device are sealed for the
 * peer that owns their destination, and packets peers send are written to the device without
 * their padding. Give the pump to the endpoint as its inbound consumer, then {@link #start} it.
 */
public final class DevicePump implements Consumer<WireGuardEndpoint.Received>, AutoCloseable {

  private final PacketDevice device;
  private final ByteBuffer buffer = ByteBuffer.allocate(65535);
  private final AtomicLong unroutable = new AtomicLong();
  private Thread reader;

  public DevicePump(PacketDevice device) {
    this.device = device;
  }

  /** Starts reading the device and sending through {@code endpoint}. */
  public synchronized void start(WireGuardEndpoint endpoint) {
    if (reader != null) {
      throw new IllegalStateException("the pump is already started");
    }
    reader = new Thread(() -> pump(endpoint), "host-bridge-wireguard-" + device.name());
    reader.setDaemon(true);
    reader.start();
  }

  private void pump(WireGuardEndpoint endpoint) {
    byte[] array = buffer.array();
    while (true) {
      int length;
      try {
        buffer.clear();
        length = device.read(buffer);
        if (length < 0) {
          return;
        }
        if (!endpoint.send(array, length)) {
          unroutable.incrementAndGet(); // no peer owns the destination, or no session yet
        }
      } catch (IOException e) {
        return;
      }
    }
  }

  /** Packets the host sent that no peer with a session could take. */
  public long unroutable() {
    return unroutable.get();
  }

  @Override
  public void accept(WireGuardEndpoint.Received received) {
    byte[] packet = received.packet();
    int length = IpHeader.totalLength(packet, packet.length);
    if (length <= 0 || length > packet.length) {
      return;
    }
    try {
      device.write(ByteBuffer.wrap(packet, 0, length));
    } catch (IOException e) {
      // the device is closing; the packet is lost, as on a wire
    }
  }

  @Override
  public void close() throws InterruptedException {
    device.close();
    Thread thread = reader;
    if (thread != null) {
      thread.join(2000);
    }
  }
}
