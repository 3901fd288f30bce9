package io.quantlens.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Enumerating a float format's values; expected grids written out from each format's layout. */
class FloatFormatValuesTest {

  @Test
  void fp8E4m3BetweenAHalfAndOneIsOneBinadeOfEightSteps() {
    float[] expected = new float[9];
    for (int k = 0; k <= 8; k++) {
      expected[k] = 0.5f + k / 16f; // binade [0.5, 1): 3 mantissa bits, step 2^-4
    }
    assertArrayEquals(expected, FloatFormat.FP8_E4M3.valuesBetween(0.5f, 1f, 512));
    float[] negative = new float[9];
    for (int k = 0; k <= 8; k++) {
      negative[k] = -1f + k / 16f;
    }
    assertArrayEquals(negative, FloatFormat.FP8_E4M3.valuesBetween(-1f, -0.5f, 512));
  }

  @Test
  void fp8E4m3FromMinusOneToOne() {
    // Per sign: 7 subnormals k·2^-9, 6 binades 2^-6 … 2^-1 of 8 values, and 1.0; plus one zero.
    float[] v = FloatFormat.FP8_E4M3.valuesBetween(-1f, 1f, 512);
    assertEquals(2 * (7 + 6 * 8 + 1) + 1, v.length);
    assertEquals(-1f, v[0]);
    assertEquals(0f, v[56]);
    assertEquals(0x1p-9f, v[57], "smallest subnormal");
    assertEquals(-0x1p-9f, v[55]);
    assertEquals(0x1p-6f, v[57 + 7], "smallest normal");
    assertEquals(1f, v[v.length - 1]);
    for (int i = 1; i < v.length; i++) {
      assertEquals(true, v[i] > v[i - 1], "ascending at " + i);
    }
  }

  @Test
  void fp8StopsAtItsLargestFiniteValue() {
    // Binade [256, 512) steps by 32; 448 is E4M3's largest finite value.
    assertArrayEquals(
        new float[] {416f, 448f}, FloatFormat.FP8_E4M3.valuesBetween(400f, 1e4f, 512));
  }

  @Test
  void fp16SubnormalsAndTheLimit() {
    float s = 0x1p-24f;
    assertArrayEquals(
        new float[] {0f, s, 2 * s, 3 * s, 4 * s}, FloatFormat.FP16.valuesBetween(0f, 4 * s, 512));
    // [1, 1.25]: 256 steps of 2^-10 → 257 values; [1, 2] has 1025, over the limit.
    float[] quarter = FloatFormat.FP16.valuesBetween(1f, 1.25f, 512);
    assertEquals(257, quarter.length);
    assertEquals(1f + 0x1p-10f, quarter[1]);
    assertEquals(0, FloatFormat.FP16.valuesBetween(1f, 2f, 512).length);
    assertEquals(0, FloatFormat.FP16.valuesBetween(-1f, 1f, 512).length);
  }

  @Test
  void bf16AndFp32() {
    float[] bf = FloatFormat.BF16.valuesBetween(1f, 2f, 512);
    assertEquals(129, bf.length, "7 mantissa bits: 128 steps in [1, 2) plus 2");
    assertEquals(1f + 0x1p-7f, bf[1]);
    assertEquals(
        0x1p-133f, FloatFormat.BF16.valuesBetween(0f, 1e-39f, 512)[1], "bf16's least subnormal");
    assertArrayEquals(
        new float[] {1f, Math.nextUp(1f)}, FloatFormat.FP32.valuesBetween(1f, Math.nextUp(1f), 8));
  }

  @Test
  void emptyAndReversedRanges() {
    assertEquals(0, FloatFormat.FP8_E4M3.valuesBetween(1f, 0.5f, 512).length);
    assertArrayEquals(new float[] {0.5f}, FloatFormat.FP8_E4M3.valuesBetween(0.5f, 0.5f, 512));
    assertEquals(0, FloatFormat.FP8_E4M3.valuesBetween(0.51f, 0.55f, 512).length);
  }
}
