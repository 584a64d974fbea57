package dev.hostbridge.macos.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.macos.wire.DarwinNet;
import dev.hostbridge.macos.wire.InterfaceMessages;
import dev.hostbridge.macos.wire.InterfaceMessagesTest;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The macOS interface watch over the fake XNU: names by index, a gone interface as an empty name. */
class RoutingSocketWatchTest {

  final FakeKernel kernel = new FakeKernel();
  final MacosInterfaces interfaces = new MacosInterfaces(kernel, new IfaddrsDirectory(kernel));

  @Test
  void theTapAppearingAndGettingAnAddressIsReportedByName() throws Exception {
    BlockingQueue<String> changed = new LinkedBlockingQueue<>();
    try (AutoCloseable watch = interfaces.watch(changed::add)) {
      FakeKernel.Interface tap = kernel.openTap("tap1");
      kernel.announce(msg(InterfaceMessages.RTM_IFINFO, tap.index));
      kernel.announce(msg(InterfaceMessages.RTM_NEWADDR, tap.index));
      assertEquals("tap1", changed.poll(5, TimeUnit.SECONDS));
      assertEquals("tap1", changed.poll(5, TimeUnit.SECONDS));
      kernel.closeTap("tap1");
      kernel.announce(msg(InterfaceMessages.RTM_IFINFO, tap.index));
      assertEquals("", changed.poll(5, TimeUnit.SECONDS), "gone: its name is no longer known");
    }
    assertEquals(new FakeKernel.Opened(DarwinNet.PF_ROUTE, DarwinNet.SOCK_RAW, DarwinNet.AF_UNSPEC), kernel.opened.get(0));
    assertTrue(kernel.closed >= 1, "the socket is closed with the watch");
  }

  static byte[] msg(int type, int index) {
    return InterfaceMessagesTest.message(type, index, type == InterfaceMessages.RTM_IFINFO ? 112 : 20);
  }
}
