package dev.hostbridge.core.engine;

import dev.hostbridge.api.BridgeEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;

/** Delivers events to the listeners registered for their type; a failing listener cannot stop a run. */
public final class EventDispatcher {

  private static final Logger LOG = dev.hostbridge.core.Logs.get(EventDispatcher.class);

  private record Registration<E extends BridgeEvent>(Class<E> type, Consumer<? super E> listener) {
    void deliver(BridgeEvent event) {
      if (type.isInstance(event)) {
        listener.accept(type.cast(event));
      }
    }
  }

  private final List<Registration<?>> registrations = new CopyOnWriteArrayList<>();

  public <E extends BridgeEvent> void register(Class<E> type, Consumer<? super E> listener) {
    registrations.add(new Registration<>(type, listener));
  }

  public void dispatch(BridgeEvent event) {
    for (Registration<?> registration : registrations) {
      try {
        registration.deliver(event);
      } catch (RuntimeException e) {
        LOG.warn("an event listener failed on {}", event, e);
      }
    }
  }
}
