package dev.hostbridge.linux.natives;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/** The few libc functions the Linux platform calls; each throws LastErrorException with errno. */
public interface LinuxC extends Library {

  LinuxC INSTANCE = Native.load("c", LinuxC.class);

  int O_RDWR = 2;
  int O_CLOEXEC = 0x80000;
  int O_NONBLOCK = 0x800;
  int SOCK_DGRAM = 2;
  int SOCK_RAW = 3;
  int SOCK_CLOEXEC = 0x80000;
  int SOL_SOCKET = 1;
  int SO_RCVTIMEO = 20;
  int EAGAIN = 11;
  int EINTR = 4;
  short POLLIN = 0x1;

  int open(String path, int flags) throws LastErrorException;

  int close(int fd) throws LastErrorException;

  /** Variadic in C, so variadic here: JNA then makes a variadic call. */
  int ioctl(int fd, NativeLong request, Object... args) throws LastErrorException;

  int socket(int domain, int type, int protocol) throws LastErrorException;

  NativeLong sendto(int fd, byte[] buffer, NativeLong length, int flags, byte[] address, int addressLength) throws LastErrorException;

  NativeLong recv(int fd, byte[] buffer, NativeLong length, int flags) throws LastErrorException;

  int bind(int fd, byte[] address, int addressLength) throws LastErrorException;

  /** {@code pipe2(fds, flags)}: fds[0] reads, fds[1] writes. */
  int pipe2(int[] fds, int flags) throws LastErrorException;

  NativeLong write(int fd, byte[] buffer, NativeLong count) throws LastErrorException;

  NativeLong write(int fd, com.sun.jna.Pointer buffer, NativeLong count) throws LastErrorException;

  NativeLong read(int fd, com.sun.jna.Pointer buffer, NativeLong count) throws LastErrorException;

  /** {@code poll(fds, nfds, timeout)} over an array of {@code struct pollfd} (int fd, short events, short revents). */
  int poll(byte[] fds, NativeLong nfds, int timeoutMillis) throws LastErrorException;

  int setsockopt(int fd, int level, int option, byte[] value, int length) throws LastErrorException;

  Passwd getpwnam(String name);

  Passwd getpwuid(int uid);

  /** {@code struct passwd}; only the name and uid are read. */
  @Structure.FieldOrder({"pw_name", "pw_passwd", "pw_uid", "pw_gid", "pw_gecos", "pw_dir", "pw_shell"})
  class Passwd extends Structure {
    public String pw_name;
    public String pw_passwd;
    public int pw_uid;
    public int pw_gid;
    public String pw_gecos;
    public String pw_dir;
    public String pw_shell;

    public Passwd() {}

    public Passwd(Pointer p) {
      super(p);
      read();
    }
  }
}
