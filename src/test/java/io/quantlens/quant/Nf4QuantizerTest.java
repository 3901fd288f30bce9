package io.quantlens.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * NF4 against the bitsandbytes code-book (docs/numeric-rules.md#nf4), values worked out by hand.
 */
class Nf4QuantizerTest {

  @Test
  void valuesSnapToTheNearestLevelTimesAbsmax() {
    float absmax = 2f;
    // scaled: 1, −1, 0, 0.3 (between 0.2461 and 0.3379, midpoint 0.2920 → 0.3379),
    // −0.04 (between −0.0911 and 0, midpoint −0.0455 → 0), 0.04 (midpoint 0.0398 → 0.0796).
    float[] x = {2f, -2f, 0f, 0.6f, -0.08f, 0.08f};
    float[] out = new float[x.length];
    int clipped = Nf4Quantizer.roundTrip(x, 0, x.length, absmax, out);
    float[] expected = {
      2f, -2f, 0f, 0.33791524171829224f * 2, 0f, 0.07958029955625534f * 2,
    };
    assertArrayEquals(expected, out);
    assertEquals(0, clipped);
  }

  @Test
  void valuesBeyondAClippedScaleSaturate() {
    float[] x = {3f, -5f, 0.5f};
    float[] out = new float[3];
    assertEquals(2, Nf4Quantizer.roundTrip(x, 0, 3, 1f, out));
    assertArrayEquals(new float[] {1f, -1f, 0.44070982933044434f}, out);
  }
}
