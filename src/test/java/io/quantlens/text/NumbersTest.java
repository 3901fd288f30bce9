package io.quantlens.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Sizes and scaled values read one way everywhere: SI prefixes, three significant digits, the
 * language's separators.
 */
class NumbersTest {
  private static final Numbers NUMBERS = Language.ENGLISH.messages().numbers();

  @Test
  void bytesAreSiWholeBelowAKilobyte() {
    assertEquals("0 B", NUMBERS.bytes(0));
    assertEquals("4 B", NUMBERS.bytes(4));
    assertEquals("492 B", NUMBERS.bytes(492));
    assertEquals("999 B", NUMBERS.bytes(999.4));
    assertEquals("1.00 kB", NUMBERS.bytes(999.6));
    // MNIST's weights alone and with biases: 226,368 B and 226,860 B, a kilobyte apart.
    assertEquals("226 kB", NUMBERS.bytes(226_368));
    assertEquals("227 kB", NUMBERS.bytes(226_860));
    assertEquals("16.4 kB", NUMBERS.bytes(16_384));
    assertEquals("1.50 MB", NUMBERS.bytes(1_500_000));
  }

  @Test
  void aValueThatRoundsToAThousandTakesTheNextPrefix() {
    assertEquals("1.00 MB", NUMBERS.bytes(999_960));
    assertEquals("999 kB", NUMBERS.bytes(999_400));
    assertEquals("1.00 J", NUMBERS.scaled(0.9996, "J"));
    assertEquals("1.00 ms", NUMBERS.scaled(999.7e-6, "s"));
    assertEquals("6.07 µs", NUMBERS.scaled(6.07e-6, "s"));
    assertEquals("265 µW", NUMBERS.scaled(265e-6, "W"));
    assertEquals("-1.50 W", NUMBERS.scaled(-1.5, "W"));
    assertEquals("0 W", NUMBERS.scaled(0, "W"));
    assertEquals("—", NUMBERS.scaled(Double.NaN, "W"));
  }

  @Test
  void vietnameseWritesADecimalCommaAndDotsBetweenThousands() {
    Numbers vi = Language.VIETNAMESE.messages().numbers();
    assertEquals("0,50", vi.three(0.5));
    assertEquals("1.234.567", vi.count(1_234_567));
    assertEquals("1,50 MB", vi.bytes(1_500_000));
    assertEquals("1,00 MB", vi.bytes(999_960));
    assertEquals("6,07 µs", vi.scaled(6.07e-6, "s"));
    assertEquals("0,00781", vi.significant(0.0078125));
    assertEquals("1,91e-06", vi.significant(1.9073486328125e-6));
    assertEquals("12,5 %", vi.percent(0.125));
    assertEquals("+0,0 %", vi.signedPercent(-0.004));
    assertEquals("38,5 dB", vi.db(38.46));
    assertEquals("chính xác", vi.db(Double.POSITIVE_INFINITY));
    // English keeps the point and the comma where they were
    assertEquals("0.00781", NUMBERS.significant(0.0078125));
    assertEquals("1,234,567", NUMBERS.count(1_234_567));
    assertEquals("exact", NUMBERS.db(Double.POSITIVE_INFINITY));
  }
}
