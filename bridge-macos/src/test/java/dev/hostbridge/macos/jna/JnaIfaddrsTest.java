package dev.hostbridge.macos.jna;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hostbridge.macos.wire.IfReq;
import dev.hostbridge.macos.wire.IfaddrsEntry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The getifaddrs binding against the real libc. {@code struct ifaddrs} has the same layout in
 * glibc and macOS's libc, so on Linux the walk, the names, the flags and the free are exercised
 * too; only the sockaddrs' contents differ (Linux has no sa_len), and those are checked on a Mac.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class JnaIfaddrsTest {

  @Test
  void listsTheLoopbackInterfaceWithItsFlags() {
    List<IfaddrsEntry> entries = new JnaIfaddrs().snapshot();
    assertFalse(entries.isEmpty());
    String loopback = System.getProperty("os.name").startsWith("Mac") ? "lo0" : "lo";
    IfaddrsEntry lo = entries.stream().filter(e -> e.name().equals(loopback)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + loopback + " in " + entries));
    assertTrue((lo.flags() & IfReq.IFF_LOOPBACK) != 0, lo.toString());
    assertTrue(entries.stream().allMatch(e -> !e.name().isEmpty() && e.name().length() < IfReq.IFNAMSIZ), entries.toString());
  }

  @Test
  void repeatedSnapshotsFreeWhatTheyRead() {
    int first = new JnaIfaddrs().snapshot().size();
    for (int i = 0; i < 200; i++) {
      new JnaIfaddrs().snapshot();
    }
    assertTrue(first > 0);
  }

  @Test
  @EnabledOnOs(OS.MAC)
  void onAMacEveryInterfaceHasItsLinkEntryAndLo0ItsAddress() {
    List<IfaddrsEntry> entries = new JnaIfaddrs().snapshot();
    assertTrue(entries.stream().anyMatch(e -> e.name().equals("lo0") && e.linkIndex().isPresent()), entries.toString());
    assertTrue(entries.stream().anyMatch(e -> e.name().equals("lo0")
        && e.ipv4().map(a -> a.toString().equals("127.0.0.1/8")).orElse(false)), entries.toString());
  }
}
