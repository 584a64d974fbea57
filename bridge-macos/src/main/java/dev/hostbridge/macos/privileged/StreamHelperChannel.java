package dev.hostbridge.macos.privileged;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.BridgeException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;

/**
 * The user's side of {@link HelperProtocol}, over the streams of the helper process (started
 * through sudo by the command line). Requests are sent one at a time and answered in order.
 */
public final class StreamHelperChannel implements HelperChannel {

  private final BufferedReader fromHelper;
  private final Writer toHelper;

  public StreamHelperChannel(BufferedReader fromHelper, Writer toHelper) {
    this.fromHelper = fromHelper;
    this.toHelper = toHelper;
  }

  /** Waits for the helper's banner: sudo has authenticated the user and the helper is running. */
  public void awaitReady() {
    String banner = readLine();
    if (banner == null || !banner.equals(HelperProtocol.BANNER)) {
      throw new BridgeException(ErrorCode.HELPER_UNAVAILABLE, "the elevated helper did not start" + (banner == null ? "" : " (it said: " + banner + ")"),
          "host-bridge needs root for a few changes and asks for it through sudo: run it from a terminal, "
              + "enter your password when asked, and make sure your account may use sudo (an administrator).");
    }
  }

  @Override
  public synchronized void submit(PrivilegedRequest request) {
    try {
      toHelper.write(HelperProtocol.requestLine(request));
      toHelper.write('\n');
      toHelper.flush();
    } catch (IOException e) {
      throw gone(e);
    }
    String answer = readLine();
    if (answer == null) {
      throw gone(null);
    }
    HelperProtocol.parseResponse(answer).ifPresent(failure -> {
      throw failure;
    });
  }

  private String readLine() {
    try {
      return fromHelper.readLine();
    } catch (IOException e) {
      throw gone(e);
    }
  }

  private static BridgeException gone(IOException cause) {
    return new BridgeException(ErrorCode.HELPER_GONE, "the elevated helper stopped answering" + (cause == null ? "" : ": " + cause.getMessage()),
        "Run the command again; if it keeps failing, run it with --verbose and report the output.", cause);
  }
}
