package dev.hostbridge.core.platform;

import java.util.function.Supplier;

/** A supplier that asks its source once, when first asked, and keeps the answer (a failure is not kept). */
public final class Memoized<T> implements Supplier<T> {

  private final Supplier<T> source;
  private T value;

  private Memoized(Supplier<T> source) {
    this.source = source;
  }

  /**
   * @param source what to ask, once; it must not answer null
   * @return a supplier of {@code source}'s first answer
   */
  public static <T> Supplier<T> of(Supplier<T> source) {
    return new Memoized<>(source);
  }

  @Override
  public synchronized T get() {
    if (value == null) {
      value = source.get();
    }
    return value;
  }
}
