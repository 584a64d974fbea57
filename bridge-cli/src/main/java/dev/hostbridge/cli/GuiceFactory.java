package dev.hostbridge.cli;

import com.google.inject.Injector;
import com.google.inject.Key;
import picocli.CommandLine;

/** Lets picocli create the commands through Guice; everything else (mixins, converters) the usual way. */
final class GuiceFactory implements CommandLine.IFactory {

  private final Injector injector;
  private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

  GuiceFactory(Injector injector) {
    this.injector = injector;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    if (injector.getExistingBinding(Key.get(type)) != null) {
      return injector.getInstance(type);
    }
    return fallback.create(type);
  }
}
