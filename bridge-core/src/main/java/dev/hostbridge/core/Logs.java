package dev.hostbridge.core;

import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLogger;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * host-bridge's loggers. The library logs through slf4j-api only; when the program embedding it
 * has bound no slf4j implementation, nothing is logged and slf4j is never initialised, so that
 * its "No SLF4J providers were found" warning does not appear because of host-bridge.
 */
public final class Logs {

  private static final boolean BOUND =
      ServiceLoader.load(SLF4JServiceProvider.class, Logs.class.getClassLoader()).findFirst().isPresent();

  private Logs() {}

  /**
   * The logger for a class of host-bridge. Whether an slf4j provider is bound is looked up once,
   * with the class loader that loaded this class, when this class is first used.
   *
   * @param owner the class that logs; the logger is named after it
   * @return slf4j's logger for {@code owner} when a provider is bound, otherwise a logger that
   *     drops everything
   */
  public static Logger get(Class<?> owner) {
    return BOUND ? LoggerFactory.getLogger(owner) : NOPLogger.NOP_LOGGER;
  }
}
