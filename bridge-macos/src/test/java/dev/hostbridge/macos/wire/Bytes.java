package dev.hostbridge.macos.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.HexFormat;

/** Test helpers: write expected bytes as hex and compare with a readable failure. */
final class Bytes {

  private Bytes() {}

  /** Hex with optional spaces, e.g. {@code "10 02 00 00"}. */
  static byte[] hex(String text) {
    return HexFormat.of().parseHex(text.replace(" ", ""));
  }

  static void assertBytes(String expectedHex, byte[] actual) {
    byte[] expected = hex(expectedHex);
    assertArrayEquals(expected, actual,
        () -> "expected " + HexFormat.of().formatHex(expected) + "\n but was " + HexFormat.of().formatHex(actual));
  }

  static String zeros(int count) {
    return "00".repeat(count);
  }
}
