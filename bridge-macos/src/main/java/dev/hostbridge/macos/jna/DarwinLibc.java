package dev.hostbridge.macos.jna;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The few libc functions host-bridge calls on macOS. jna-platform declares none of them.
 *
 * <p>{@code ioctl} is declared as Java varargs on purpose: on Apple Silicon the variadic
 * arguments of a C function travel on the stack, and JNA only lays the call out that way when
 * the Java method is varargs. The request is an {@code unsigned long}: pass a NativeLong built
 * from a non-negative long so it is not sign-extended.
 */
public interface DarwinLibc extends Library {

  int socket(int domain, int type, int protocol);

  int close(int fd);

  int ioctl(int fd, NativeLong request, Object... args);

  NativeLong write(int fd, byte[] buffer, NativeLong count);

  NativeLong read(int fd, byte[] buffer, NativeLong count);

  /** The same calls on native memory, for the utun's packet loop (no copy into a Java array per packet). */
  NativeLong write(int fd, Pointer buffer, NativeLong count);

  NativeLong read(int fd, Pointer buffer, NativeLong count);

  int setsockopt(int fd, int level, int option, byte[] value, int length);

  int getsockopt(int fd, int level, int option, byte[] value, IntByReference length);

  int connect(int fd, byte[] address, int length);

  /** {@code socketpair(domain, type, protocol, fds)}: two connected sockets. */
  int socketpair(int domain, int type, int protocol, int[] fds);

  int pipe(int[] fds);

  /** {@code poll(fds, nfds, timeout)} over {@code struct pollfd { int fd; short events; short revents; }}, 8 bytes each. */
  int poll(byte[] fds, int nfds, int timeout);

  /** {@code sysctl(name, namelen, oldp, &oldlen, NULL, 0)}: a MIB of ints; {@code oldlen} is a size_t, 64 bits. */
  int sysctl(int[] name, int namelen, byte[] oldp, LongByReference oldlenp, Pointer newp, NativeLong newlen);

  /** {@code sysctlbyname(name, oldp, &oldlen, NULL, 0)}: {@code oldlen} is a size_t, 64 bits. */
  int sysctlbyname(String name, byte[] oldp, LongByReference oldlenp, Pointer newp, NativeLong newlen);

  /** {@code getifaddrs(&list)}: 0, or -1 with errno; the list is freed with {@link #freeifaddrs}. */
  int getifaddrs(PointerByReference list);

  void freeifaddrs(Pointer list);

  /** Loaded on first use only, so that merely creating the platform never touches native code. */
  final class Holder {
    // libSystem on macOS; libc elsewhere, which lets the binding itself be exercised on Linux.
    static final DarwinLibc INSTANCE = Native.load(Platform.isMac() ? "System" : "c", DarwinLibc.class);

    private Holder() {}
  }

  static DarwinLibc instance() {
    return Holder.INSTANCE;
  }
}
