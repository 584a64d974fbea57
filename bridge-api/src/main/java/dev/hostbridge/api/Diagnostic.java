package dev.hostbridge.api;

import java.util.Objects;
import java.util.Optional;

/**
 * One fact a platform reports about the machine for a bug report ({@code host-bridge doctor}),
 * saying what was looked at, so that a reader can tell a fact from a guess.
 *
 * @param subject a short name, e.g. {@code tap driver}
 * @param text what was found, and where
 * @param problem when the fact is a problem, its kind (a missing prerequisite, Docker, ...); a
 *     command maps it to its exit code
 * @param remedy what a person can do about the problem; empty for a plain fact
 */
public record Diagnostic(String subject, String text, Optional<BridgeException.Kind> problem, String remedy) {

  /**
   * Checks that the subject and the text are given; a null problem or remedy counts as none.
   *
   * @param subject a short name; not null
   * @param text what was found, and where; not null
   * @param problem the problem's kind; null or empty for a plain fact
   * @param remedy what a person can do about the problem; null or empty for a plain fact
   */
  public Diagnostic {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    problem = problem == null ? Optional.empty() : problem;
    remedy = remedy == null ? "" : remedy;
  }

  /**
   * A plain fact: no problem, no remedy.
   *
   * @param subject a short name, e.g. {@code tap driver}
   * @param text what was found, and where
   * @return the diagnostic
   */
  public static Diagnostic fact(String subject, String text) {
    return new Diagnostic(subject, text, Optional.empty(), "");
  }

  /**
   * A fact that is a problem, with what a person can do about it.
   *
   * @param subject a short name, e.g. {@code tap driver}
   * @param text what was found, and where
   * @param remedy what a person can do about it
   * @param kind the problem's kind, which a command maps to its exit code
   * @return the diagnostic
   */
  public static Diagnostic problem(String subject, String text, String remedy, BridgeException.Kind kind) {
    return new Diagnostic(subject, text, Optional.of(kind), remedy);
  }
}
