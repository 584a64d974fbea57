package dev.hostbridge.core.engine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One change this tool made: the step, whether its apply finished, when, and the facts it
 * recorded for undoing it. An entry left APPLYING (the process died mid-step) is reverted too.
 */
public record JournalEntry(String stepId, State state, Instant at, Map<String, String> records) {

  public enum State {
    APPLYING,
    APPLIED
  }

  public JournalEntry {
    records = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(records));
  }

  JournalEntry with(State newState, Instant when) {
    return new JournalEntry(stepId, newState, when, records);
  }

  JournalEntry withRecord(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(records);
    copy.put(key, value);
    return new JournalEntry(stepId, state, at, copy);
  }
}
