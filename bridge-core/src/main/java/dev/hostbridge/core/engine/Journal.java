package dev.hostbridge.core.engine;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.BridgeException;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The record of what this tool changed on the machine, oldest first, kept in one text file that
 * is rewritten atomically after every change. A line is
 * {@code step-id TAB APPLYING|APPLIED TAB instant TAB key=value&key=value} (URL-encoded).
 */
public final class Journal {

  static final String HEADER = "# host-bridge journal v1";

  private final Path file;
  private final List<JournalEntry> entries;

  private Journal(Path file, List<JournalEntry> entries) {
    this.file = file;
    this.entries = entries;
  }

  /** Reads the journal; a missing file is an empty journal. */
  public static Journal load(Path file) {
    List<JournalEntry> entries = new ArrayList<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new Journal(file, entries);
    } catch (IOException e) {
      throw new BridgeException(ErrorCode.JOURNAL_UNREADABLE, "cannot read the journal " + file + ": " + e.getMessage(), "Check the permissions of the state directory.", e);
    }
    int number = 0;
    for (String line : lines) {
      number++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      entries.add(parse(file, number, line));
    }
    return new Journal(file, entries);
  }

  private static JournalEntry parse(Path file, int number, String line) {
    String[] fields = line.split("\t", -1);
    try {
      if (fields.length != 4) {
        throw new IllegalArgumentException("expected 4 tab-separated fields, found " + fields.length);
      }
      Map<String, String> records = new LinkedHashMap<>();
      if (!fields[3].isEmpty()) {
        for (String pair : fields[3].split("&")) {
          int eq = pair.indexOf('=');
          if (eq < 0) {
            throw new IllegalArgumentException("record '" + pair + "' has no '='");
          }
          records.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
      }
      return new JournalEntry(decode(fields[0]), JournalEntry.State.valueOf(fields[1]), Instant.parse(fields[2]), records);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new BridgeException(ErrorCode.JOURNAL_CORRUPT, "the journal " + file + " is damaged at line " + number + ": " + e.getMessage(),
          "Restore it from a backup or remove the damaged line by hand; host-bridge will not guess what it changed.", e);
    }
  }

  public Path file() {
    return file;
  }

  /** Every entry, oldest first. */
  public List<JournalEntry> entries() {
    return List.copyOf(entries);
  }

  public Optional<JournalEntry> find(String stepId) {
    return entries.stream().filter(e -> e.stepId().equals(stepId)).findFirst();
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * Notes that a step is about to be applied, before it changes anything. A step applied before
   * keeps its place and its records (a volatile step re-applied, a shim upgraded in place).
   */
  public void begin(String stepId, Instant now) {
    int index = indexOf(stepId);
    if (index < 0) {
      entries.add(new JournalEntry(stepId, JournalEntry.State.APPLYING, now, Map.of()));
    } else {
      entries.set(index, entries.get(index).with(JournalEntry.State.APPLYING, now));
    }
    save();
  }

  public void record(String stepId, String key, String value) {
    int index = requireIndex(stepId);
    entries.set(index, entries.get(index).withRecord(key, value));
    save();
  }

  public void commit(String stepId, Instant now) {
    int index = requireIndex(stepId);
    entries.set(index, entries.get(index).with(JournalEntry.State.APPLIED, now));
    save();
  }

  /** Forgets a step whose change was undone (or whose apply left nothing behind). */
  public void remove(String stepId) {
    if (entries.removeIf(e -> e.stepId().equals(stepId))) {
      save();
    }
  }

  /** Puts back an entry exactly as it was (an apply that failed on a step applied before). */
  public void restore(JournalEntry previous) {
    int index = indexOf(previous.stepId());
    if (index < 0) {
      entries.add(previous);
    } else {
      entries.set(index, previous);
    }
    save();
  }

  private int indexOf(String stepId) {
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).stepId().equals(stepId)) {
        return i;
      }
    }
    return -1;
  }

  private int requireIndex(String stepId) {
    int index = indexOf(stepId);
    if (index < 0) {
      throw new IllegalStateException("step " + stepId + " has no journal entry; begin() it first");
    }
    return index;
  }

  private void save() {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    for (JournalEntry entry : entries) {
      text.append(encode(entry.stepId())).append('\t').append(entry.state()).append('\t').append(entry.at()).append('\t');
      boolean first = true;
      for (Map.Entry<String, String> record : entry.records().entrySet()) {
        if (!first) {
          text.append('&');
        }
        first = false;
        text.append(encode(record.getKey())).append('=').append(encode(record.getValue()));
      }
      text.append('\n');
    }
    try {
      AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new BridgeException(ErrorCode.JOURNAL_UNWRITABLE, "cannot write the journal " + file + ": " + e.getMessage(),
          "Check that the state directory is writable (see --state-dir) and that the disk has room.", e);
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
