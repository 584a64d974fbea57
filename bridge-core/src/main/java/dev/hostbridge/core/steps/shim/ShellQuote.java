package dev.hostbridge.core.steps.shim;

/** Quotes a word for a POSIX shell, for commands that messages suggest a person paste. */
public final class ShellQuote {

  private ShellQuote() {}

  public static String quote(Object word) {
    return "'" + word.toString().replace("'", "'\\''") + "'";
  }
}
