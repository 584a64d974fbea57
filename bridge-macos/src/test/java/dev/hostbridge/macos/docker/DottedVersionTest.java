package dev.hostbridge.macos.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DottedVersionTest {

  @Test
  void parsesTheLeadingNumbersOfEveryScheme() {
    assertEquals(Optional.of(DottedVersion.of(4, 25, 0)), DottedVersion.parse("4.25.0"));
    assertEquals(Optional.of(DottedVersion.of(18, 6, 1)), DottedVersion.parse("18.06.1-ce-mac73"));
    assertEquals(Optional.of(DottedVersion.of(2, 0, 0, 3)), DottedVersion.parse("2.0.0.3"));
    assertEquals(Optional.empty(), DottedVersion.parse("beta"));
  }

  @Test
  void comparesNumericallyWithMissingPartsAsZero() {
    assertTrue(DottedVersion.of(4, 14).atLeast(DottedVersion.of(4, 14, 0)));
    assertTrue(DottedVersion.of(4, 100).atLeast(DottedVersion.of(4, 14)));
    assertFalse(DottedVersion.of(4, 9, 9).atLeast(DottedVersion.of(4, 14)));
    assertTrue(DottedVersion.of(12, 5).atLeast(DottedVersion.of(12, 5)));
    assertFalse(DottedVersion.of(10, 16).atLeast(DottedVersion.of(12, 5)));
  }
}
