package dev.hostbridge.macos.net;

import dev.hostbridge.api.Ipv4Cidr;
import dev.hostbridge.macos.jna.Errno;
import dev.hostbridge.macos.jna.IfaddrsSource;
import dev.hostbridge.macos.jna.RawSocket;
import dev.hostbridge.macos.jna.Sockets;
import dev.hostbridge.macos.jna.SyscallException;
import dev.hostbridge.macos.wire.DarwinNet;
import dev.hostbridge.macos.wire.IfReq;
import dev.hostbridge.macos.wire.IfaddrsEntry;
import dev.hostbridge.macos.wire.IoctlRequest;
import dev.hostbridge.macos.wire.SockaddrDl;
import dev.hostbridge.macos.wire.SockaddrIn;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A fake XNU for the interface and routing code: it holds interfaces as the kernel does, answers
 * the ioctls host-bridge sends and {@code getifaddrs} from that one state, and records every call.
 *
 * <p>What it models, and where each fact comes from (no Mac was at hand; these are read from the
 * vendors' sources, not observed):
 * <ul>
 *   <li>A tuntaposx tap interface exists only while its /dev/tapN is open: {@link #openTap} creates
 *       it, {@link #closeTap} removes it with its addresses (tuntaposx tuntap.cc, cdev_open and
 *       cdev_close). It comes without any address and not up, with BROADCAST (tap.cc,
 *       initialize_interface), SIMPLEX, MULTICAST and RUNNING while open, and a random locally
 *       administered MAC; macOS gives it no IPv6 link-local address by itself.
 *   <li>Every interface ioctl names the interface: an unknown name is ENXIO for reads and changes
 *       alike (xnu bsd/net/if.c, ifioctl). SIOCGIFFLAGS needs no privilege; SIOCSIFFLAGS,
 *       SIOCAIFADDR and SIOCDIFADDR are EPERM unless root. SIOCDIFADDR of an address the interface
 *       does not have is EADDRNOTAVAIL (bsd/netinet/in.c).
 *   <li>{@code getifaddrs} lists every interface with one AF_LINK entry (a sockaddr_dl with index,
 *       name and MAC; rtsock.c sysctl_iflist: "the link address is always present"), then one entry
 *       per IPv4 address whose netmask XNU has trimmed after its last non-zero byte (in.c,
 *       in_socktrim: a /24 has length 7).
 *   <li>A utun ({@link #openUtun}) is UP, POINTOPOINT, MULTICAST and RUNNING from the moment its
 *       control socket connects, with an MTU of 1500 (if_utun.c, utun_ctl_connect and
 *       UTUN_DEFAULT_MTU); SIOCAIFADDR on it without a destination in {@code ifra_dstaddr} is
 *       EDESTADDRREQ (in.c, inctl_ifaddr).
 *   <li>SIOCGIFMTU needs no privilege; SIOCSIFMTU is EPERM unless root and EINVAL outside
 *       IF_MINMTU 72 .. IF_MAXMTU 65535 (if.c, ifioctl_ifreq; if_var.h). utun_ioctl itself takes
 *       any value that check lets through.
 *   <li>{@link #jdkView()} is what the JDK's interface list makes of this kernel on macOS: only
 *       interfaces that have an AF_INET or AF_INET6 entry (NetworkInterface.c, BSD getifaddrs walk).
 *   <li>The routing table's dump ({@link #dumpRoutes}, sysctl NET_RT_DUMP) needs no privilege and
 *       is every entry's RTM_GET message back to back, pid and seq zero, the interface given by
 *       {@code rtm_index} and no RTA_IFP (rtsock.c, sysctl_rtsock and sysctl_dumpentry).
 * </ul>
 * The routing socket is scripted per test ({@link #answers}); {@link #ioctlErrno} and
 * {@link #writeErrno} inject failures.
 */
public final class FakeKernel implements Sockets, IfaddrsSource {

  record Opened(int domain, int type, int protocol) {}

  /** One call: "ioctl SIOCAIFADDR", "write", "read" or "timeout", with the bytes passed in. */
  record Call(String what, byte[] bytes) {}

  /** An interface as the kernel holds it. */
  public static final class Interface {
    final String name;
    final int index;
    final byte[] mac;
    public int flags;
    public int mtu = 1500;
    public final List<Ipv4Cidr> addresses = new ArrayList<>();

    Interface(String name, int index, byte[] mac, int flags) {
      this.name = name;
      this.index = index;
      this.mac = mac;
      this.flags = flags;
    }

    public String name() {
      return name;
    }

    public boolean up() {
      return (flags & IfReq.IFF_UP) != 0;
    }
  }

  static final int IFF_SIMPLEX = 0x800;
  static final int IF_MINMTU = 72;
  static final int IF_MAXMTU = 65535;
  /** bsd/net/if.h: BROADCAST, POINTOPOINT, RUNNING, ALLMULTI, OACTIVE, SIMPLEX, MULTICAST. */
  static final int IFF_CANTCHANGE = 0x2 | 0x10 | 0x40 | 0x200 | 0x400 | 0x800 | 0x8000;
  /** What tuntaposx gives a tap interface when its device is opened. */
  static final int TAP_FLAGS = IfReq.IFF_BROADCAST | IFF_SIMPLEX | IfReq.IFF_MULTICAST | IfReq.IFF_RUNNING;

  final List<Opened> opened = new ArrayList<>();
  final List<Call> calls = new ArrayList<>();
  int closed;

  /** Whether the calling process is root; changes are EPERM otherwise. */
  public boolean root = true;
  /** errno to fail an ioctl with, by request name, whatever the state. */
  final Map<String, Integer> ioctlErrno = new HashMap<>();
  /** errno to fail a write with; 0 to succeed. */
  int writeErrno;
  /**
   * The IPv4 routing table's entries as NET_RT_DUMP gives them (RTM_GET messages with pid and seq
   * zero; see RouteDump), and an errno to fail the dump with instead (0: it succeeds).
   */
  public final List<byte[]> routeTable = new ArrayList<>();
  public int dumpErrno;
  /** Messages the kernel has for a reader after a write, computed from what was written. */
  Function<byte[], List<byte[]>> answers = written -> List.of();

  private final Map<String, Interface> interfaces = new LinkedHashMap<>();
  private final java.util.concurrent.BlockingDeque<byte[]> pending = new java.util.concurrent.LinkedBlockingDeque<>();
  private int nextIndex = 1;
  private int macSeed = 0x5e;

  public FakeKernel() {
    Interface lo0 = attach("lo0", 0, IfReq.IFF_UP | IfReq.IFF_LOOPBACK | IfReq.IFF_RUNNING | IfReq.IFF_MULTICAST);
    lo0.addresses.add(Ipv4Cidr.parse("127.0.0.1/8"));
  }

  /** An interface that is there whatever host-bridge does (lo0, en0); index 0 takes the next free one. */
  Interface attach(String name, int index, int flags) {
    int chosen = index > 0 ? index : nextIndex;
    nextIndex = Math.max(nextIndex, chosen + 1);
    boolean noMac = name.startsWith("lo") || name.startsWith("utun");
    byte[] mac = noMac ? new byte[0] : new byte[] {0x02, 0, 0, 0, 0, (byte) macSeed++};
    Interface created = new Interface(name, chosen, mac, flags);
    interfaces.put(name, created);
    return created;
  }

  /** hyperkit opens /dev/tapN: the interface appears, with no address, not up. */
  /** {@code sysctl(NET_RT_DUMP)}: the table's messages back to back; reading it needs no privilege. */
  public byte[] dumpRoutes() {
    if (dumpErrno != 0) {
      throw new SyscallException("sysctl NET_RT_DUMP", dumpErrno);
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    routeTable.forEach(out::writeBytes);
    return out.toByteArray();
  }

  public Interface openTap(String device) {
    if (interfaces.containsKey(device)) {
      throw new IllegalStateException("/dev/" + device + " is open already (a second open is EBUSY)");
    }
    return attach(device, 0, TAP_FLAGS);
  }

  /** The last holder closes /dev/tapN: the interface and its addresses are gone. */
  public void closeTap(String device) {
    interfaces.remove(device);
  }

  public Optional<Interface> get(String name) {
    return Optional.ofNullable(interfaces.get(name));
  }

  @Override
  public List<IfaddrsEntry> snapshot() {
    List<IfaddrsEntry> entries = new ArrayList<>();
    for (Interface nic : interfaces.values()) {
      entries.add(new IfaddrsEntry(nic.name, nic.flags, linkSockaddr(nic), new byte[0]));
      for (Ipv4Cidr address : nic.addresses) {
        entries.add(new IfaddrsEntry(nic.name, nic.flags, SockaddrIn.encode(address.address()), trimmedMask(address)));
      }
    }
    return entries;
  }

  /** An AF_INET mask as in_socktrim leaves it: cut after its last non-zero byte, the length saying so. */
  static byte[] trimmedMask(Ipv4Cidr address) {
    byte[] full = SockaddrIn.encode(address.netmask());
    int length = 8;
    while (length > 4 && full[length - 1] == 0) {
      length--;
    }
    byte[] trimmed = java.util.Arrays.copyOf(full, length == 4 ? 0 : length);
    if (trimmed.length > 0) {
      trimmed[0] = (byte) length;
    }
    return trimmed;
  }

  /** A utun, as opening a utun control socket makes one: point-to-point, up and running, no address. */
  public Interface openUtun() {
    String name = "utun" + interfaces.keySet().stream().filter(n -> n.startsWith("utun")).count();
    Interface utun = attach(name, 0, IfReq.IFF_UP | IfReq.IFF_POINTOPOINT | IfReq.IFF_RUNNING | IfReq.IFF_MULTICAST);
    return utun;
  }

  /** The utun's control socket closes: utun_ctl_disconnect removes its addresses and detaches it. */
  public void closeUtun(String name) {
    if (!name.startsWith("utun") || interfaces.remove(name) == null) {
      throw new IllegalStateException(name + " is not an open utun");
    }
  }

  /** The JDK's interface list on macOS: only interfaces with an IPv4 (or IPv6) address. */
  InterfaceDirectory jdkView() {
    return new InterfaceDirectory() {
      @Override
      public Optional<Listing> byName(String name) {
        return get(name).filter(nic -> !nic.addresses.isEmpty()).map(FakeKernel::listing);
      }

      @Override
      public Optional<Listing> byIndex(int index) {
        return interfaces.values().stream().filter(nic -> nic.index == index && !nic.addresses.isEmpty())
            .findFirst().map(FakeKernel::listing);
      }
    };
  }

  private static InterfaceDirectory.Listing listing(Interface nic) {
    return new InterfaceDirectory.Listing(nic.name, nic.index, nic.addresses, macText(nic));
  }

  private static Optional<String> macText(Interface nic) {
    return nic.mac.length == 0 ? Optional.empty() : Optional.of(java.util.HexFormat.ofDelimiter(":").formatHex(nic.mac));
  }

  private static byte[] linkSockaddr(Interface nic) {
    byte[] name = nic.name.getBytes(StandardCharsets.US_ASCII);
    byte[] base = SockaddrDl.encode(nic.index, nic.name);
    int length = Math.max(base.length, 8 + name.length + nic.mac.length);
    byte[] sockaddr = java.util.Arrays.copyOf(base, length);
    sockaddr[0] = (byte) length;
    sockaddr[4] = (byte) (nic.mac.length == 0 ? 24 : 6); // IFT_LOOP or IFT_ETHER
    sockaddr[6] = (byte) nic.mac.length;
    System.arraycopy(nic.mac, 0, sockaddr, 8 + name.length, nic.mac.length);
    return sockaddr;
  }

  @Override
  public RawSocket open(int domain, int type, int protocol, String purpose) {
    opened.add(new Opened(domain, type, protocol));
    return new RawSocket() {
      @Override
      public void ioctl(IoctlRequest request, byte[] struct, String subject) {
        calls.add(new Call("ioctl " + request.name(), struct.clone()));
        Integer injected = ioctlErrno.get(request.name());
        int errno = injected != null ? injected : interfaceIoctl(domain, request, struct);
        if (errno != 0) {
          throw new SyscallException(request.name() + " " + subject, errno);
        }
      }

      @Override
      public int write(byte[] message, String subject) {
        calls.add(new Call("write", message.clone()));
        if (writeErrno != 0) {
          throw new SyscallException("write of " + subject, writeErrno);
        }
        pending.addAll(answers.apply(message));
        return message.length;
      }

      @Override
      public int read(byte[] buffer, String subject) {
        calls.add(new Call("read", new byte[0]));
        byte[] next;
        try {
          // As SO_RCVTIMEO makes read() wait, briefly, for a message before it gives up.
          next = pending.poll(50, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          next = null;
        }
        if (next == null) {
          throw new SyscallException("read of " + subject, Errno.EAGAIN); // as SO_RCVTIMEO would
        }
        System.arraycopy(next, 0, buffer, 0, next.length);
        return next.length;
      }

      @Override
      public void receiveTimeout(Duration timeout) {
        calls.add(new Call("timeout", new byte[0]));
      }

      @Override
      public void close() {
        closed++;
      }
    };
  }

  /** The kernel's side of the interface ioctls: 0, or the errno it returns. */
  private int interfaceIoctl(int domain, IoctlRequest request, byte[] struct) {
    if (domain != DarwinNet.AF_INET) {
      return Errno.EINVAL;
    }
    ByteBuffer in = ByteBuffer.wrap(struct).order(ByteOrder.LITTLE_ENDIAN);
    Interface nic = interfaces.get(nameOf(struct));
    if (nic == null) {
      return Errno.ENXIO;
    }
    if (request.equals(IoctlRequest.SIOCGIFFLAGS)) {
      in.putShort(IfReq.IFNAMSIZ, (short) nic.flags);
      return 0;
    }
    if (request.equals(IoctlRequest.SIOCGIFMTU)) {
      in.putInt(IfReq.IFNAMSIZ, nic.mtu);
      return 0;
    }
    if (!root) {
      return Errno.EPERM;
    }
    if (request.equals(IoctlRequest.SIOCSIFMTU)) {
      int wanted = in.getInt(IfReq.IFNAMSIZ);
      if (wanted < IF_MINMTU || wanted > IF_MAXMTU) {
        return Errno.EINVAL;
      }
      nic.mtu = wanted;
      return 0;
    }
    if (request.equals(IoctlRequest.SIOCSIFFLAGS)) {
      int wanted = in.getShort(IfReq.IFNAMSIZ) & 0xffff;
      // Only the flags outside IFF_CANTCHANGE follow the request; RUNNING and the like are the driver's.
      nic.flags = (nic.flags & IFF_CANTCHANGE) | (wanted & ~IFF_CANTCHANGE);
      return 0;
    }
    if (request.equals(IoctlRequest.SIOCDIFADDR)) {
      int address = addressAt(struct, 16);
      boolean removed = nic.addresses.removeIf(a -> a.address() == address);
      return removed ? 0 : Errno.EADDRNOTAVAIL;
    }
    if (request.equals(IoctlRequest.SIOCAIFADDR)) {
      int address = addressAt(struct, 16);
      int mask = addressAt(struct, 48);
      if ((nic.flags & IfReq.IFF_POINTOPOINT) != 0 && addressAt(struct, 32) == 0) {
        return Errno.EDESTADDRREQ;
      }
      nic.addresses.removeIf(a -> a.address() == address);
      nic.addresses.add(Ipv4Cidr.of(address, Integer.bitCount(mask)));
      return 0;
    }
    return Errno.EINVAL;
  }

  private static String nameOf(byte[] struct) {
    int end = 0;
    while (end < IfReq.IFNAMSIZ && struct[end] != 0) {
      end++;
    }
    return new String(struct, 0, end, StandardCharsets.US_ASCII);
  }

  /** The IPv4 address of the sockaddr_in at {@code offset}. */
  private static int addressAt(byte[] struct, int offset) {
    return ByteBuffer.wrap(struct).order(ByteOrder.BIG_ENDIAN).getInt(offset + 4);
  }

  /** A message the kernel sends to whoever reads a routing socket (an interface change, say). */
  void announce(byte[] message) {
    pending.add(message);
  }

  List<String> callNames() {
    return calls.stream().map(Call::what).toList();
  }

  List<byte[]> written() {
    return calls.stream().filter(c -> c.what().equals("write")).map(Call::bytes).toList();
  }

  byte[] ioctlBytes(String requestName) {
    return calls.stream().filter(c -> c.what().equals("ioctl " + requestName)).reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no ioctl " + requestName + " in " + callNames())).bytes();
  }
}
