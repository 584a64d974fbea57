package dev.hostbridge.macos.jna;

/**
 * Opens kernel sockets. The production implementation ({@link JnaSockets}) calls libc; tests
 * give a fake that records what the platform code asked for and answers as the kernel would.
 */
public interface Sockets {

  /** {@code socket(domain, type, protocol)}; {@code purpose} names it in an error. */
  RawSocket open(int domain, int type, int protocol, String purpose);
}
