package dev.hostbridge.macos.jna;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.PointerByReference;
import dev.hostbridge.macos.wire.IfaddrsEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link IfaddrsSource} through libc's {@code getifaddrs}: walks the list, copies each entry's
 * name, flags and sockaddrs into Java, and frees the list. Decoding the sockaddrs is left to
 * {@link IfaddrsEntry}, so this class does nothing a test on another system could check better.
 *
 * <p>A sockaddr is copied for as many bytes as its first byte (BSD's {@code sa_len}) says. On
 * Linux, where that byte is the low half of the family instead, the copies mean nothing, but the
 * walk itself (the struct's layout, the names and flags, the free) is the same, which lets the
 * binding be exercised there.
 */
public final class JnaIfaddrs implements IfaddrsSource {

  /** {@code struct ifaddrs}; the same seven fields, in this order, on macOS and glibc. */
  @Structure.FieldOrder({"ifa_next", "ifa_name", "ifa_flags", "ifa_addr", "ifa_netmask", "ifa_dstaddr", "ifa_data"})
  public static final class Ifaddrs extends Structure {
    public Pointer ifa_next;
    public Pointer ifa_name;
    public int ifa_flags;
    public Pointer ifa_addr;
    public Pointer ifa_netmask;
    public Pointer ifa_dstaddr;
    public Pointer ifa_data;

    public Ifaddrs(Pointer at) {
      super(at);
      read();
    }
  }

  @Override
  public List<IfaddrsEntry> snapshot() {
    PointerByReference head = new PointerByReference();
    if (DarwinLibc.instance().getifaddrs(head) != 0) {
      throw new SyscallException("getifaddrs", Native.getLastError());
    }
    Pointer first = head.getValue();
    try {
      List<IfaddrsEntry> entries = new ArrayList<>();
      for (Pointer at = first; at != null; ) {
        Ifaddrs entry = new Ifaddrs(at);
        if (entry.ifa_name != null) {
          entries.add(new IfaddrsEntry(entry.ifa_name.getString(0, StandardCharsets.US_ASCII.name()),
              entry.ifa_flags, sockaddr(entry.ifa_addr), sockaddr(entry.ifa_netmask)));
        }
        at = entry.ifa_next;
      }
      return entries;
    } finally {
      if (first != null) {
        DarwinLibc.instance().freeifaddrs(first);
      }
    }
  }

  private static byte[] sockaddr(Pointer at) {
    if (at == null) {
      return new byte[0];
    }
    int length = at.getByte(0) & 0xff;
    return at.getByteArray(0, Math.max(length, 2));
  }
}
