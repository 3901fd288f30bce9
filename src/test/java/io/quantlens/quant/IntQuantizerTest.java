package io.quantlens.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * QuantizeLinear/DequantizeLinear semantics and ORT's weight recipe, from shared/specs/golden.md.
 */
class IntQuantizerTest {

  private static float[] codes(float[] x, GroupParams p) {
    float[] q = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      q[i] = Math.max(p.qmin(), Math.min(p.qmax(), p.unclampedCode(x[i])));
    }
    return q;
  }

  @Test
  void int8RoundsHalfToEvenAndSaturates() {
    GroupParams p = new GroupParams(1f, 0, -128, 127);
    float[] x = {0.5f, 1.5f, 2.5f, 3.5f, -0.5f, -2.5f, -3.5f, 126.5f, 127.5f, -128.5f, -129f, 300f};
    float[] expected = {0, 2, 2, 4, 0, -2, -4, 126, 127, -128, -128, 127};
    assertArrayEquals(expected, codes(x, p));
    float[] out = new float[x.length];
    int clipped = IntQuantizer.roundTrip(x, 0, x.length, p, out);
    assertArrayEquals(expected, out, "with scale 1 and zero point 0, x̂ equals the code");
    assertEquals(3, clipped, "-128.5 rounds to -128 (in range); -129 and 300 and 127.5→128 clamp");
  }

  @Test
  void uint8WithZeroPoint() {
    GroupParams p = new GroupParams(0.5f, 128, 0, 255);
    float[] x = {1.25f, 1.75f, -1.25f, 63.75f, 64f, -64.25f, -70f};
    assertArrayEquals(new float[] {130, 132, 126, 255, 255, 0, 0}, codes(x, p));
  }

  @Test
  void int4Codes() {
    GroupParams p = new GroupParams(1f, 0, -8, 7);
    float[] x = {2.5f, -3.5f, 7.5f, -8.5f, 0.5f};
    assertArrayEquals(new float[] {2, -4, 7, -8, 0}, codes(x, p));
  }

  @Test
  void onnxRuntimeAsymmetricRecipe() {
    float[] x = {
      -0.6200000047683716f, 0.12999999523162842f, 1.0700000524520874f, -0.004999999888241291f, 0.5f,
      0.9800000190734863f, -0.33000001311302185f, 0.0f, 0.25f, -0.10000000149011612f
    };
    GroupParams p =
        RangeEstimator.intParams(
            new IntFormat(8), Symmetry.ASYM, Clip.MINMAX, x, 0, x.length, new float[x.length]);
    assertEquals(0x3bd92b17, Float.floatToIntBits(p.scale()));
    assertEquals(94, p.zeroPoint());
    assertArrayEquals(new float[] {0, 114, 255, 93, 169, 242, 44, 94, 132, 79}, codes(x, p));
  }

  @Test
  void symmetricScaleIsAbsMaxOverQmaxAndCodesStopAtPlusMinusQmax() {
    GroupParams p = GroupParams.symmetric(new IntFormat(4), 3.5f);
    assertEquals(0.5f, p.scale());
    assertEquals(-7, p.qmin());
    assertEquals(7, p.qmax());
    assertEquals(0, p.zeroPoint());
  }

  /** reduce_range int8: (qmin, qmax) = (−64, 64), scale 2·absmax / 128; 1.28 → 0.02 per step. */
  @Test
  void reducedRangeHasCodesMinus64To64() {
    GroupParams p =
        RangeEstimator.params(IntRecipe.REDUCE, new IntFormat(8), Symmetry.SYM, -0.5f, 1.28f, 1f);
    assertEquals(1.28f / 64, p.scale());
    assertEquals(-64, p.qmin());
    assertEquals(64, p.qmax());
    float s = p.scale();
    // 0.5 steps ties to 0, 1.5 to 2, the extremes land on ±64, −2 (−100 steps) saturates.
    float[] x = {0.5f * s, 1.5f * s, 1.28f, -1.28f, -2f};
    assertArrayEquals(new float[] {0, 2, 64, -64, -64}, codes(x, p));
    // Asymmetric reduce_range is uint8 with 0 … 127.
    GroupParams a =
        RangeEstimator.params(IntRecipe.REDUCE, new IntFormat(8), Symmetry.ASYM, -1f, 1.54f, 1f);
    assertEquals(0, a.qmin());
    assertEquals(127, a.qmax());
    assertEquals((float) ((double) (1.54f + 1f) / 127), a.scale());
    assertEquals(50, a.zeroPoint()); // rne(1 / 0.02)
  }

  /**
   * Symmetric QUInt8: scale 2·absmax / 255 and zero point 128 whatever the range; −absmax is −127.5
   * steps, which ties to −128 (code 0), and +absmax (127.5 → 128, code 256) saturates at 255.
   */
  @Test
  void unsignedSymmetricKeepsZeroPoint128() {
    GroupParams p =
        RangeEstimator.params(IntRecipe.UNSIGNED, new IntFormat(8), Symmetry.SYM, -2.55f, 1f, 1f);
    assertEquals((float) (2 * 2.55f / 255.0), p.scale());
    assertEquals(128, p.zeroPoint());
    assertEquals(0, p.qmin());
    assertEquals(255, p.qmax());
    float[] x = {-2.55f, 2.55f, 0f, 1f};
    float[] q = codes(x, p);
    assertEquals(0, q[0]);
    assertEquals(255, q[1]);
    assertEquals(128, q[2]);
    assertEquals(128 + Math.rint(1f / p.scale()), q[3]);
  }

  @Test
  void emptyRangeFallsBackToScaleOne() {
    assertEquals(1f, GroupParams.symmetric(new IntFormat(8), 0f).scale());
    GroupParams asym = GroupParams.asymmetric(new IntFormat(8), 0f, 0f);
    assertEquals(1f, asym.scale());
    assertEquals(0, asym.zeroPoint());
  }

  @Test
  void percentileInterpolatesLikeNumpy() {
    float[] x = {-4, 1, -2, 3, 0};
    // |x| sorted = 0 1 2 3 4; p50 → position 2 → 2; p90 → position 3.6 → 3.6.
    assertEquals(2f, RangeEstimator.absPercentile(x, 0, 5, 50, new float[5]));
    assertEquals(3.6f, RangeEstimator.absPercentile(x, 0, 5, 90, new float[5]), 1e-6f);
  }

  /**
   * Laplace(0, 1) weights: min-max wastes 4-bit levels on the tail. ACIQ (Banner et al. 2019, see
   * docs/numeric-rules.md#quantization-theory) puts the MSE-optimal clip near 5.03·b for 16 levels;
   * our symmetric grid has 15.
   */
  @Test
  void mseClipFindsTheAciqOptimumOnLaplaceWeights() {
    int n = 200_000;
    float[] x = new float[n];
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < n; i++) {
      double u = random.nextDouble() - 0.5;
      x[i] = (float) (-Math.signum(u) * Math.log(1 - 2 * Math.abs(u)));
    }
    IntFormat int4 = new IntFormat(4);
    float[] scratch = new float[n];
    GroupParams minmax =
        RangeEstimator.intParams(int4, Symmetry.SYM, Clip.MINMAX, x, 0, n, scratch);
    GroupParams mse = RangeEstimator.intParams(int4, Symmetry.SYM, Clip.MSE, x, 0, n, scratch);
    double minmaxError = IntQuantizer.squaredError(x, 0, n, minmax);
    double mseError = IntQuantizer.squaredError(x, 0, n, mse);
    org.junit.jupiter.api.Assertions.assertTrue(
        mseError < 0.6 * minmaxError, "clipping must pay: " + mseError + " vs " + minmaxError);
    double alpha = mse.scale() * 7;
    org.junit.jupiter.api.Assertions.assertTrue(
        alpha > 4.3 && alpha < 5.8, "clip " + alpha + "·b should sit near ACIQ's 5.03·b");
  }
}
