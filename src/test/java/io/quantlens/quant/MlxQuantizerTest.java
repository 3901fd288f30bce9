package io.quantlens.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantlens.testing.GoldenBlock;
import org.junit.jupiter.api.Test;

/**
 * MLX affine quantization against golden.md's vector (numpy port of the CPU backend) and cases
 * worked out by hand from docs/numeric-rules.md#mlx-recipe.
 */
class MlxQuantizerTest {
  private static final IntFormat INT4 = new IntFormat(4);
  private static final IntFormat INT8 = new IntFormat(8);

  /** golden.md block X: float32 bit patterns. */
  private static MlxQuantizer.Params params(IntFormat f, float... x) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float v : x) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return MlxQuantizer.params(f, min, max);
  }

  private static int[] codes(MlxQuantizer.Params p, float... x) {
    int[] q = new int[x.length];
    MlxQuantizer.codes(x, 0, x.length, p, q);
    return q;
  }

  @Test
  void goldenVectorFourBitsGroupOf32() {
    float[] x = GoldenBlock.x();
    MlxQuantizer.Params p = params(INT4, x);
    assertEquals(-0.453537375f, p.scale());
    assertEquals(3.628299f, p.bias());
    int[] expected = {
      10, 5, 3, 4, 7, 15, 15, 15, 13, 9, 4, 2, 3, 6, 11, 14, 14, 12, 8, 3, 1, 2, 5, 10, 13, 13, 11,
      6, 2, 0, 1, 4
    };
    int[] q = codes(p, x);
    assertArrayEquals(expected, q);
    int[] words = new int[4];
    for (int i = 0; i < q.length; i++) {
      words[i / 8] |= q[i] << (4 * (i % 8));
    }
    assertArrayEquals(new int[] {0xfff7435a, 0xeb63249d, 0xa52138ce, 0x41026bdd}, words);
    float[] out = new float[x.length];
    MlxQuantizer.roundTrip(x, 0, x.length, p, out);
    for (int i = 0; i < x.length; i++) {
      assertEquals(p.scale() * expected[i] + p.bias(), out[i], 0f, "element " + i);
    }
  }

  @Test
  void allEqualGroupIsExact() {
    // min = max = 0.3: s = max(0/15, 1e-7) = 1e-7 → −1e-7 (edge is max); q0 = rint(0.3 / −1e-7) ≠
    // 0, so s = 0.3 / q0 and bias = 0.3: every weight has code 0 and comes back as 0.3.
    float[] x = {0.3f, 0.3f, 0.3f, 0.3f};
    MlxQuantizer.Params p = params(INT4, x);
    assertEquals(0.3f, p.bias());
    assertArrayEquals(new int[4], codes(p, x));
    float[] out = new float[4];
    assertEquals(0, MlxQuantizer.roundTrip(x, 0, 4, p, out));
    assertArrayEquals(x, out);
  }

  @Test
  void zeroGroupHasZeroBias() {
    // s = −1e-7, edge 0, q0 = rint(0) = 0: bias stays 0, codes 0, x̂ = s·0 + 0 = 0.
    float[] x = new float[8];
    MlxQuantizer.Params p = params(INT8, x);
    assertEquals(-1e-7f, p.scale());
    assertEquals(0f, p.bias());
    float[] out = new float[8];
    MlxQuantizer.roundTrip(x, 0, 8, p, out);
    assertArrayEquals(new float[8], out);
  }

  @Test
  void largerNegativeEdgeGivesAPositiveScale() {
    // min −3, max 1.5: |min| > |max| → edge −3, s = 4.5/15 = 0.3, q0 = rint(−3/0.3) = −10,
    // s = −3/−10 = 0.3, bias = −3. Codes: −3 → 0, 1.5 → 15, 0 → 10 (exact zero), 0.44 → 11.
    float[] x = {-3f, 1.5f, 0f, 0.44f};
    MlxQuantizer.Params p = params(INT4, x);
    assertEquals(-3f / -10f, p.scale());
    assertEquals(-3f, p.bias());
    assertArrayEquals(new int[] {0, 15, 10, 11}, codes(p, x));
    float[] out = new float[4];
    MlxQuantizer.roundTrip(x, 0, 4, p, out);
    assertEquals(0f, out[2]);
    assertEquals(-3f, out[0]);
  }

  @Test
  void largerPositiveEdgeGivesANegativeScale() {
    // min −1, max 2: edge 2, s = −3/15 = −0.2, q0 = rint(2/−0.2) = −10, s = 2/−10 = −0.2,
    // bias 2. Codes: 2 → 0, −1 → 15, 0 → 10; x̂ = −0.2·q + 2.
    float[] x = {2f, -1f, 0f, 1f};
    MlxQuantizer.Params p = params(INT4, x);
    assertEquals(2f / -10f, p.scale());
    assertEquals(2f, p.bias());
    assertArrayEquals(new int[] {0, 15, 10, 5}, codes(p, x));
  }

  @Test
  void tinyEdgeWhoseFirstCodeRoundsToZeroKeepsBiasZero() {
    // The edge has the larger magnitude, so |edge / s| ≥ n/2 unless s is the 1e-7 floor: with
    // min = max = 2e-8 (2 bits), s = −1e-7 and q0 = rint(2e-8 / −1e-7) = rint(−0.2) = 0, so the
    // bias stays 0 and the scale is not refitted.
    float[] x = {2e-8f, 2e-8f};
    MlxQuantizer.Params p = params(new IntFormat(2), x);
    assertEquals(0f, p.bias());
    assertEquals(-1e-7f, p.scale());
    // (2e-8 − 0) / −1e-7 = −0.2 → code 0 → x̂ = 0: the group vanishes below the floor.
    assertArrayEquals(new int[] {0, 0}, codes(p, x));
    float[] out = new float[2];
    MlxQuantizer.roundTrip(x, 0, 2, p, out);
    assertArrayEquals(new float[2], out);
  }

  @Test
  void displayGridMatchesTheAffineLevels() {
    MlxQuantizer.Params p = params(INT4, 2f, -1f);
    GroupParams g = p.asGroupParams();
    assertEquals(0.2f, g.scale(), 1e-7f);
    // Levels (q − zp)·0.2 span −1 … 2 like −0.2·q + 2 for q in 0 … 15.
    assertEquals(-1f, (g.qmin() - g.zeroPoint()) * g.scale(), 1e-6f);
    assertEquals(2f, (g.qmax() - g.zeroPoint()) * g.scale(), 1e-6f);
  }
}
