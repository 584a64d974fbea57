package dev.hostbridge.macos.privileged;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.BridgeException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;

/**
 * The root helper's loop: announce itself, then read one request per line and answer each,
 * until its input ends (the user's process exited or closed the pipe). One failed request does
 * not end the loop; the caller decides what to do about it.
 */
public final class HelperServer {

  private final PrivilegedExecutor executor;

  public HelperServer(PrivilegedExecutor executor) {
    this.executor = executor;
  }

  /** No request of the protocol comes near this; a longer line is refused without being kept. */
  static final int MAX_REQUEST = 4096;

  public void serve(BufferedReader requests, Writer answers) throws IOException {
    answer(answers, HelperProtocol.BANNER);
    StringBuilder line = new StringBuilder();
    boolean tooLong = false;
    int c;
    while ((c = requests.read()) >= 0) {
      if (c == '\n') {
        answer(answers, tooLong ? tooLong() : handle(line.toString()));
        line.setLength(0);
        tooLong = false;
      } else if (line.length() < MAX_REQUEST) {
        line.append((char) c);
      } else {
        tooLong = true; // the rest of the line is read and dropped, never kept
      }
    }
  }

  private static String tooLong() {
    return HelperProtocol.errorLine(new BridgeException(ErrorCode.HELPER_REFUSED,
        "a request longer than " + MAX_REQUEST + " characters", "This is a defect; please report it with the output of --verbose."));
  }

  String handle(String line) {
    try {
      executor.execute(HelperProtocol.parseRequest(line));
      return HelperProtocol.okLine();
    } catch (BridgeException e) {
      return HelperProtocol.errorLine(e);
    } catch (RuntimeException e) {
      return HelperProtocol.errorLine(BridgeException.wrap(ErrorCode.HELPER_FAILED, e));
    }
  }

  private static void answer(Writer answers, String line) throws IOException {
    answers.write(line);
    answers.write('\n');
    answers.flush();
  }
}
