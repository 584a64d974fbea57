package dev.hostbridge.macos.jna;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.ptr.LongByReference;
import dev.hostbridge.macos.wire.RouteDump;
import java.util.Arrays;

/** The bytes of the IPv4 routing table's dump ({@link RouteDump}); no privilege is needed to read it. */
@FunctionalInterface
public interface RouteTableSource {

  byte[] dump();

  /** Through {@code sysctl(3)}: asks the size, then reads, again when the table grew in between. */
  static RouteTableSource sysctl() {
    return () -> {
      int[] mib = RouteDump.mib();
      for (int attempt = 0; attempt < 4; attempt++) {
        LongByReference length = new LongByReference(0);
        if (DarwinLibc.instance().sysctl(mib, mib.length, null, length, null, new NativeLong(0)) != 0) {
          throw new SyscallException("sysctl NET_RT_DUMP (size)", Native.getLastError());
        }
        byte[] table = new byte[(int) Math.min(Integer.MAX_VALUE - 8, length.getValue() + length.getValue() / 4 + 4096)];
        length.setValue(table.length);
        if (DarwinLibc.instance().sysctl(mib, mib.length, table, length, null, new NativeLong(0)) == 0) {
          return Arrays.copyOf(table, (int) length.getValue());
        }
        int errno = Native.getLastError();
        if (errno != Errno.ENOMEM) {
          throw new SyscallException("sysctl NET_RT_DUMP", errno);
        }
      }
      throw new SyscallException("sysctl NET_RT_DUMP (the table kept growing)", Errno.ENOMEM);
    };
  }
}
