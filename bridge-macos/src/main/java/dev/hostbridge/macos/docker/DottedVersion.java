package dev.hostbridge.macos.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The leading numbers of a version such as {@code 4.25.0}, {@code 18.06.1-ce-mac73} or {@code 12.6}. */
record DottedVersion(List<Integer> parts) implements Comparable<DottedVersion> {

  private static final Pattern LEADING = Pattern.compile("^([0-9]{1,6}(?:\\.[0-9]{1,6})*)");

  DottedVersion {
    parts = List.copyOf(parts);
  }

  static Optional<DottedVersion> parse(String text) {
    Matcher matcher = LEADING.matcher(text.strip());
    if (!matcher.find()) {
      return Optional.empty();
    }
    List<Integer> parts = new ArrayList<>();
    for (String part : matcher.group(1).split("\\.")) {
      parts.add(Integer.parseInt(part));
    }
    return Optional.of(new DottedVersion(parts));
  }

  static DottedVersion of(int... parts) {
    List<Integer> list = new ArrayList<>();
    for (int part : parts) {
      list.add(part);
    }
    return new DottedVersion(list);
  }

  int major() {
    return parts.get(0);
  }

  boolean atLeast(DottedVersion other) {
    return compareTo(other) >= 0;
  }

  @Override
  public int compareTo(DottedVersion other) {
    for (int i = 0; i < Math.max(parts.size(), other.parts.size()); i++) {
      int a = i < parts.size() ? parts.get(i) : 0;
      int b = i < other.parts.size() ? other.parts.get(i) : 0;
      if (a != b) {
        return Integer.compare(a, b);
      }
    }
    return 0;
  }
}
