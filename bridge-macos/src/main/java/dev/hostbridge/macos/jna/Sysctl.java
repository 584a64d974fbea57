package dev.hostbridge.macos.jna;

import com.sun.jna.NativeLong;
import com.sun.jna.ptr.LongByReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;

/** Reads sysctl values by name; an unknown name is simply absent. */
public final class Sysctl {

  private static final int MAX_STRING = 256;

  private Sysctl() {}

  /** A 32-bit integer value, e.g. {@code hw.optional.arm64}. */
  public static OptionalInt integer(String name) {
    byte[] value = new byte[4];
    LongByReference length = new LongByReference(value.length);
    if (DarwinLibc.instance().sysctlbyname(name, value, length, null, new NativeLong(0)) != 0 || length.getValue() != 4) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(ByteBuffer.wrap(value).order(ByteOrder.nativeOrder()).getInt());
  }

  /** A NUL-terminated string value, e.g. {@code kern.osproductversion}. */
  public static Optional<String> string(String name) {
    byte[] value = new byte[MAX_STRING];
    LongByReference length = new LongByReference(value.length);
    if (DarwinLibc.instance().sysctlbyname(name, value, length, null, new NativeLong(0)) != 0) {
      return Optional.empty();
    }
    int end = 0;
    while (end < Math.min(value.length, length.getValue()) && value[end] != 0) {
      end++;
    }
    return Optional.of(new String(value, 0, end, StandardCharsets.UTF_8));
  }
}
