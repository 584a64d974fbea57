package dev.hostbridge.macos.wire;

/**
 * Address families, socket types and socket options of macOS (bsd/sys/socket.h). They differ
 * from Linux (AF_ROUTE is 17 here, 16 there; SOL_SOCKET is 0xffff here, 1 there), so they live
 * apart from any Linux code.
 */
public final class DarwinNet {

  public static final int AF_UNSPEC = 0;
  public static final int AF_INET = 2;
  public static final int AF_ROUTE = 17;
  public static final int PF_ROUTE = AF_ROUTE;
  public static final int AF_LINK = 18;

  public static final int SOCK_DGRAM = 2;
  public static final int SOCK_RAW = 3;

  public static final int SOL_SOCKET = 0xffff;
  public static final int SO_RCVTIMEO = 0x1006;

  private DarwinNet() {}
}
