package io.quantlens.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** NNCF's weight_lowering.py formulas on groups worked out by hand. */
class NncfQuantizerTest {
  private static final IntFormat INT8 = new IntFormat(8);
  private static final IntFormat INT4 = new IntFormat(4);

  private static float[] roundTrip(GroupParams p, float... x) {
    float[] out = new float[x.length];
    NncfQuantizer.roundTrip(x, 0, x.length, p, out);
    return out;
  }

  @Test
  void asymmetricRangeLeavesZeroOutSoAnAllPositiveGroupClips() {
    // s = (2 − 0.5)/255; zp = 0 − rint(0.5 / s) = −85 → clipped to 0; 2 / s = 340 → code 255,
    // x̂ = 255·s = 1.5. ONNX Runtime would widen the range to [0, 2] and keep 2.0.
    GroupParams p = NncfQuantizer.params(INT8, Symmetry.ASYM, 0.5f, 2f);
    assertEquals(1.5f / 255, p.scale());
    assertEquals(0, p.zeroPoint());
    float[] x = {0.5f, 2f};
    float[] out = new float[2];
    assertEquals(1, NncfQuantizer.roundTrip(x, 0, 2, p, out));
    assertEquals(0.5f, out[0], 1e-6f);
    assertEquals(1.5f, out[1], 1e-6f);
    assertEquals(2f, roundTrip(GroupParams.asymmetric(INT8, 0.5f, 2f), x)[1], 1e-6f);
  }

  @Test
  void zeroPointIsAddedBeforeRounding() {
    // [−101, 154]: s = 255/255 = 1, zp = 101. x = 0.49999997 (just under ½): x/s + zp =
    // 101.49999997
    // rounds in float32 to 101.5, and rne gives 102 → x̂ = 1. Rounding first (ONNX) gives code 101
    // → x̂ = 0.
    GroupParams p = NncfQuantizer.params(INT8, Symmetry.ASYM, -101f, 154f);
    assertEquals(1f, p.scale());
    assertEquals(101, p.zeroPoint());
    float justUnderHalf = Math.nextDown(0.5f);
    assertEquals(1f, roundTrip(p, justUnderHalf)[0]);
    float[] onnxOrder = new float[1];
    IntQuantizer.roundTrip(new float[] {justUnderHalf}, 0, 1, p, onnxOrder);
    assertEquals(0f, onnxOrder[0]);
  }

  @Test
  void symmetricScaleIsSignedAndTheLargerEdgeMapsToMinusEight() {
    // min −0.5, max 1: |min| < max → s = −max/8 = −0.125; codes 4, −2, −8 are all exact.
    GroupParams p = NncfQuantizer.params(INT4, Symmetry.SYM, -0.5f, 1f);
    assertEquals(new GroupParams(-0.125f, 0, -8, 7), p);
    assertArrayEquals(new float[] {-0.5f, 0.25f, 1f}, roundTrip(p, -0.5f, 0.25f, 1f));
    // min −2, max 1.9: |min| ≥ max → s = 2/8 = 0.25; 1.9/0.25 = 7.6 → 8 → clipped to 7 → 1.75.
    GroupParams q = NncfQuantizer.params(INT4, Symmetry.SYM, -2f, 1.9f);
    assertEquals(0.25f, q.scale());
    float[] out = new float[2];
    assertEquals(1, NncfQuantizer.roundTrip(new float[] {-2f, 1.9f}, 0, 2, q, out));
    assertArrayEquals(new float[] {-2f, 1.75f}, out);
  }

  @Test
  void theScaleIsStoredAsF16AndTheProductRoundedToF16AsOpenVinoDecompresses() {
    // [0, 1] asym: s = 1/255 in float32; f16(s) = 1028·2⁻¹⁸ (1/255 · 2¹⁸ = 1028.016).
    // x = 0.302: code rne(77.01) = 77; 77 · 1028·2⁻¹⁸ = 1236.8125·2⁻¹² → f16 1237·2⁻¹²
    // = 0.302001953125, where the float32 (q − zp)·s would give 0.3019608.
    GroupParams p = NncfQuantizer.params(INT8, Symmetry.ASYM, 0f, 1f);
    assertEquals(1f / 255, p.scale());
    assertEquals(1028 * 0x1p-18f, NncfQuantizer.storedScale(p));
    float[] out = roundTrip(p, 0.302f, 0.5f, 1f);
    assertEquals(1237 * 0x1p-12f, out[0]);
    // x = 0.5: float32 1/255 is a little above 1/255, so 0.5 / s falls just under 127.5 → 127;
    // 127 · 1028·2⁻¹⁸ = 2039.94·2⁻¹² → f16 2040·2⁻¹²; code 255: 0.99998474 → f16 1.0
    assertEquals(2040 * 0x1p-12f, out[1]);
    assertEquals(1f, out[2]);
  }

  @Test
  void emptyRangesUseEpsilonAndGiveZeros() {
    GroupParams asym = NncfQuantizer.params(INT8, Symmetry.ASYM, 0f, 0f);
    assertEquals(Math.ulp(1f), asym.scale());
    assertEquals(0, asym.zeroPoint());
    GroupParams sym = NncfQuantizer.params(INT4, Symmetry.SYM, 0f, 0f);
    assertEquals(Math.ulp(1f), sym.scale());
    assertArrayEquals(new float[3], roundTrip(sym, 0f, 0f, 0f));
  }

  @Test
  void positiveStepViewHasTheSameLevels() {
    GroupParams p = NncfQuantizer.params(INT4, Symmetry.SYM, -0.5f, 1f);
    GroupParams view = NncfQuantizer.withPositiveStep(p);
    assertEquals(new GroupParams(0.125f, 0, -7, 8), view);
  }
}
