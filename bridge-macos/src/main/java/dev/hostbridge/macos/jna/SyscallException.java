package dev.hostbridge.macos.jna;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ErrorCode;
import java.util.Locale;

/**
 * A system call that failed: which operation on what, and the errno, with the remedy that
 * errno calls for. Callers that expect some errno (an address already gone) catch it and test
 * {@link #errno()}.
 */
public final class SyscallException extends BridgeException {

  private final int errno;

  public SyscallException(String operation, int errno) {
    super(ErrorCode.MACOS_SYSCALL.code(Errno.name(errno).toLowerCase(Locale.ROOT)), Kind.PLATFORM,
        operation + " failed: " + Errno.describe(errno), Errno.remedy(errno));
    this.errno = errno;
  }

  public int errno() {
    return errno;
  }
}
