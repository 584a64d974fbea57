package dev.hostbridge.macos.jna;

import dev.hostbridge.macos.wire.IfaddrsEntry;
import java.util.List;

/**
 * The system's list of interfaces and their addresses, as {@code getifaddrs(3)} gives it. The
 * production implementation ({@link JnaIfaddrs}) calls libc; tests give a fake kernel's view.
 */
public interface IfaddrsSource {

  /** Every entry, in the order the system lists them; a fresh copy on each call. */
  List<IfaddrsEntry> snapshot();
}
