package dev.hostbridge.macos.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hostbridge.api.BridgeConfig;
import dev.hostbridge.api.HostPlatform;
import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.api.PacketDevice;
import dev.hostbridge.core.Settings;
import dev.hostbridge.macos.MacosPlatform;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Packets through a real utun, as root on a Mac (the macOS workflow runs it with sudo): a UDP
 * datagram sent to the far end of the tunnel comes out of {@link PacketDevice#read} as a bare IPv4
 * packet, and a packet written to the device arrives at a local socket. TEST-NET-3 addresses.
 */
@EnabledOnOs(OS.MAC)
class MacosUtunDeviceTest {

  static final Ipv4Cidr ADDRESS = Ipv4Cidr.parse("203.0.113.9/30");
  static final String PEER = "203.0.113.10";

  final HostPlatform platform = new MacosPlatform(
      Settings.builder().osName("Mac OS X").environment(Map.of()).build());

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  @Test
  void udpGoesOutThroughTheUtunAndComesBackIn() throws Exception {
    assumeTrue(isRoot(), "needs root: run with sudo (the macOS workflow does)");
    try (PacketDevice utun = platform.tunnelDevices().open("ignored", 1400);
         DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(ADDRESS.addressText()), 0))) {
      platform.interfaces().addAddress(utun.name(), ADDRESS);
      byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
      socket.send(new DatagramPacket(hello, hello.length, InetAddress.getByName(PEER), 9));

      ByteBuffer packet = ByteBuffer.allocate(2000);
      int length;
      do {
        length = utun.read(packet); // the kernel may send other traffic (IPv6 router solicitations) first
      } while (!(length == 20 + 8 + hello.length && packet.get(0) == 0x45 && packet.get(9) == 17));
      assertEquals(ADDRESS.address(), packet.getInt(12), "source");
      assertEquals(Ipv4Cidr.parse(PEER + "/32").address(), packet.getInt(16), "destination");
      assertEquals("hello", new String(packet.array(), 28, hello.length, StandardCharsets.US_ASCII));

      // The same datagram turned round: from the peer to our socket, UDP checksum 0 (none).
      int port = socket.getLocalPort();
      ByteBuffer reply = ByteBuffer.allocate(length).put(0, packet.array(), 0, length);
      reply.putInt(12, packet.getInt(16)).putInt(16, packet.getInt(12));
      reply.putShort(10, (short) 0).putShort(10, Ipv4Checksum.of(reply, 20));
      reply.putShort(20, (short) 9).putShort(22, (short) port).putShort(26, (short) 0);
      utun.write(reply);
      DatagramPacket received = new DatagramPacket(new byte[100], 100);
      socket.setSoTimeout(5000);
      socket.receive(received);
      assertEquals("hello", new String(received.getData(), 0, received.getLength(), StandardCharsets.US_ASCII));
      assertEquals(PEER, received.getAddress().getHostAddress());
    }
  }

  /** The IPv4 header checksum (RFC 791): the one's complement of the one's complement sum of its 16-bit words. */
  static final class Ipv4Checksum {
    static short of(ByteBuffer header, int length) {
      int sum = 0;
      for (int i = 0; i < length; i += 2) {
        sum += header.getShort(i) & 0xffff;
      }
      while ((sum >>> 16) != 0) {
        sum = (sum & 0xffff) + (sum >>> 16);
      }
      return (short) ~sum;
    }
  }
}
