package dev.hostbridge.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import dev.hostbridge.linux.encoding.LinuxIfreq;
import dev.hostbridge.linux.encoding.LinuxIoctl;
import dev.hostbridge.linux.natives.Errors;
import dev.hostbridge.linux.natives.LinuxC;

/** Descriptors of {@code /dev/net/tun} attached to a tun or tap interface, for taps and tunnels alike. */
final class TunFiles {

  /** An open descriptor and the interface's name as the kernel gave it. */
  record Attached(int fd, String name) {}

  private TunFiles() {}

  /**
   * Opens {@code /dev/net/tun} (with {@code openFlags} besides read-write and close-on-exec) and
   * attaches it to the interface {@code name} of kind {@code flags} ({@code IFF_TAP} or
   * {@code IFF_TUN}, with {@code IFF_NO_PI}), creating it when it does not exist. {@code operation}
   * names what this is for in errors. The caller closes the descriptor.
   */
  static Attached attach(String name, short flags, int openFlags, String operation) {
    LinuxC c = LinuxC.INSTANCE;
    int fd;
    try {
      fd = c.open(LinuxTapDevices.TUN.toString(), LinuxC.O_RDWR | LinuxC.O_CLOEXEC | openFlags);
    } catch (LastErrorException e) {
      throw Errors.failed(operation + ": open " + LinuxTapDevices.TUN, e);
    }
    try {
      byte[] request = LinuxIfreq.withFlags(name, flags);
      Memory ifreq = new Memory(LinuxIfreq.SIZE);
      ifreq.write(0, request, 0, request.length);
      c.ioctl(fd, new NativeLong(LinuxIoctl.TUNSETIFF), ifreq);
      return new Attached(fd, LinuxIfreq.nameOf(ifreq.getByteArray(0, LinuxIfreq.SIZE)));
    } catch (LastErrorException e) {
      c.close(fd);
      throw Errors.failed(operation, e);
    }
  }
}
