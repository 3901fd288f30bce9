package io.quantlens.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Sizes and scaled values read one way everywhere: SI prefixes, three significant digits. */
class NumbersTest {
  @Test
  void bytesAreSiWholeBelowAKilobyte() {
    assertEquals("0 B", Numbers.bytes(0));
    assertEquals("4 B", Numbers.bytes(4));
    assertEquals("492 B", Numbers.bytes(492));
    assertEquals("999 B", Numbers.bytes(999.4));
    assertEquals("1.00 kB", Numbers.bytes(999.6));
    // MNIST's weights alone and with biases: 226,368 B and 226,860 B, a kilobyte apart.
    assertEquals("226 kB", Numbers.bytes(226_368));
    assertEquals("227 kB", Numbers.bytes(226_860));
    assertEquals("16.4 kB", Numbers.bytes(16_384));
    assertEquals("1.50 MB", Numbers.bytes(1_500_000));
  }

  @Test
  void aValueThatRoundsToAThousandTakesTheNextPrefix() {
    assertEquals("1.00 MB", Numbers.bytes(999_960));
    assertEquals("999 kB", Numbers.bytes(999_400));
    assertEquals("1.00 J", Numbers.scaled(0.9996, "J"));
    assertEquals("1.00 ms", Numbers.scaled(999.7e-6, "s"));
    assertEquals("6.07 µs", Numbers.scaled(6.07e-6, "s"));
    assertEquals("265 µW", Numbers.scaled(265e-6, "W"));
    assertEquals("-1.50 W", Numbers.scaled(-1.5, "W"));
    assertEquals("0 W", Numbers.scaled(0, "W"));
    assertEquals("—", Numbers.scaled(Double.NaN, "W"));
  }
}
