package dev.hostbridge.macos.privileged;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.BridgeException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The line protocol between the user's process and the long-lived root helper, over the
 * helper's stdin and stdout. The helper first prints {@link #BANNER}; then for each request line
 * (the request's argv joined by tabs; arguments never contain control characters) it answers one
 * line: {@code ok}, or {@code error<TAB>code<TAB>kind<TAB>message<TAB>remedy} with tabs, newlines
 * and backslashes escaped.
 */
public final class HelperProtocol {

  public static final String BANNER = "host-bridge-helper 1";
  static final String OK = "ok";
  static final String ERROR = "error";

  private HelperProtocol() {}

  public static String requestLine(PrivilegedRequest request) {
    return String.join("\t", request.toArgv());
  }

  /** Decodes and checks a request line; a refused one is a BridgeException. */
  public static PrivilegedRequest parseRequest(String line) {
    return PrivilegedRequest.fromArgv(Arrays.asList(line.split("\t", -1)));
  }

  public static String okLine() {
    return OK;
  }

  public static String errorLine(BridgeException e) {
    return String.join("\t", ERROR, escape(e.code()), e.kind().name(), escape(e.getMessage()), escape(e.remedy()));
  }

  /** Empty for {@code ok}; the helper's failure otherwise. */
  public static Optional<BridgeException> parseResponse(String line) {
    if (line.equals(OK)) {
      return Optional.empty();
    }
    String[] fields = line.split("\t", -1);
    if (fields.length == 5 && fields[0].equals(ERROR)) {
      BridgeException.Kind kind;
      try {
        kind = BridgeException.Kind.valueOf(fields[2]);
      } catch (IllegalArgumentException e) {
        kind = BridgeException.Kind.INTERNAL;
      }
      return Optional.of(new BridgeException(unescape(fields[1]), kind, unescape(fields[3]), unescape(fields[4])));
    }
    return Optional.of(new BridgeException(ErrorCode.HELPER_PROTOCOL, "the elevated helper answered something unexpected: " + line.substring(0, Math.min(line.length(), 200)),
        "This is a defect; please report it with the output of --verbose."));
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  static String unescape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\' || i + 1 == text.length()) {
        out.append(c);
        continue;
      }
      char next = text.charAt(++i);
      switch (next) {
        case 't' -> out.append('\t');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        default -> out.append(next);
      }
    }
    return out.toString();
  }
}
