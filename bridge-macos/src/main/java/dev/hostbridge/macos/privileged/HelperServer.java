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

  public void serve(BufferedReader requests, Writer answers) throws IOException {
    answer(answers, HelperProtocol.BANNER);
    String line;
    while ((line = requests.readLine()) != null) {
      answer(answers, handle(line));
    }
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
