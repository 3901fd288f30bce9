package io.quantlens.analysis.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.quant.FloatFormat;
import org.junit.jupiter.api.Test;

/** Lesson 4's limits against the formats' definitions, and INT8 against FP8 on two signals. */
class FloatFormatsTest {
  @Test
  void theLimitsAreTheFormatsDefinitions() {
    // E4M3 (OCP FP8): bias 7, max 1.75·2^8; E5M2: bias 15, max 1.75·2^15; FP16: IEEE binary16.
    check(FloatFormat.FP8_E4M3, 448, 0x1p-6, 0x1p-9, 0x1p-4);
    check(FloatFormat.FP8_E5M2, 57344, 0x1p-14, 0x1p-16, 0x1p-3);
    check(FloatFormat.FP16, 65504, 0x1p-14, 0x1p-24, 0x1p-11);
    check(FloatFormat.BF16, Float.MAX_VALUE, 0x1p-126, 0x1p-133, 0x1p-8);
    // E4M3: 7 subnormals and 15 binades of 8, less the NaN at the top: 126 positive values and 0.
    assertEquals(127, FloatFormats.values(FloatFormat.FP8_E4M3, 448, 1000).length);
  }

  private static void check(
      FloatFormat f, double largest, double normal, double subnormal, double halfUlp) {
    FloatFormats.Limits l = FloatFormats.limits(f);
    assertEquals(largest, l.largest(), 0, f.id());
    assertEquals(normal, l.smallestNormal(), 0, f.id());
    assertEquals(subnormal, l.smallestSubnormal(), 0, f.id());
    assertEquals(halfUlp, l.halfUlp(), 0, f.id());
  }

  @Test
  void theRelativeErrorIsFlatInTheNormalsAndGrowsInTheSubnormalsAndPastTheEnd() {
    double[][] e4m3 = FloatFormats.relativeError(FloatFormat.FP8_E4M3, 1e-4, 1e4, 801);
    for (int i = 0; i < e4m3[0].length; i++) {
      double x = e4m3[0][i];
      double err = e4m3[1][i];
      if (x >= 0x1p-6 && x <= 448) {
        // Half an ulp over x: between 2^−(m+2) and 2^−(m+1) in every binade.
        assertTrue(err <= 0x1p-4 && err > 0x1p-5, x + ": " + err);
      } else if (x > 464) {
        assertEquals((x - 448) / x, err, 1e-12, "saturated at " + x);
      } else if (x < 0x1p-10) {
        assertEquals(1, err, 0, "rounds to zero at " + x);
      }
    }
    double[][] fp16 = FloatFormats.relativeError(FloatFormat.FP16, 1, 1e6, 101);
    assertEquals(1, fp16[1][100], 0, "FP16 overflows to infinity");
  }

  @Test
  void int8BeatsFp8OnAGaussianButNotOnAHeavyTailedSignal() {
    float[] gaussian = TestSignal.GAUSSIAN.samples(1 << 16, 2026);
    float[] laplace = TestSignal.LAPLACE.samples(1 << 16, 2026);
    double int8Gauss = FloatFormats.int8SqnrDb(gaussian);
    double fp8Gauss = FloatFormats.scaledFloatSqnrDb(gaussian, FloatFormat.FP8_E4M3);
    double int8Laplace = FloatFormats.int8SqnrDb(laplace);
    double fp8Laplace = FloatFormats.scaledFloatSqnrDb(laplace, FloatFormat.FP8_E4M3);
    assertTrue(int8Gauss > fp8Gauss, int8Gauss + " vs " + fp8Gauss);
    // FP8's relative error hardly depends on the tails; INT8's step is set by max|x|.
    assertEquals(fp8Gauss, fp8Laplace, 1.5);
    assertTrue(int8Gauss - int8Laplace > 3, int8Gauss + " vs " + int8Laplace);
    // 3 mantissa bits: about 6.02·4 + 7.3 dB, the uniform model with relative error 2^−4.
    assertTrue(fp8Gauss > 28 && fp8Gauss < 33, String.valueOf(fp8Gauss));
  }
}
