package io.quantlens.analysis.biterrors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.biterrors.BitErrors.Outcome;
import io.quantlens.analysis.biterrors.BitErrors.Protection;
import io.quantlens.analysis.lessons.TestSignal;
import org.junit.jupiter.api.Test;

/** Bit flips in stored weights: the rate, determinism, ECC outcomes, and what one flip costs. */
class BitErrorsTest {
  private static final float[] WEIGHTS = scaled(TestSignal.GAUSSIAN.samples(1 << 18, 9), 0.2f);

  @Test
  void flipsAreDrawnAtTheAskedRateAndTheSameForASeed() {
    for (StoredForm form : StoredForm.values()) {
      BitErrors.Result a = BitErrors.inject(WEIGHTS, form, 1e-3, Protection.NONE, 42);
      BitErrors.Result b = BitErrors.inject(WEIGHTS, form, 1e-3, Protection.NONE, 42);
      assertArrayEquals(a.values(), b.values(), form.name());
      assertEquals(a.outcome(), b.outcome());
      Outcome o = a.outcome();
      assertEquals((long) WEIGHTS.length * form.bits(), o.storedBits());
      double expected = o.storedBits() * 1e-3;
      // Binomial: within 5 standard deviations of N·p.
      assertEquals(expected, o.flipped(), 5 * Math.sqrt(expected), form.name());
      BitErrors.Result other = BitErrors.inject(WEIGHTS, form, 1e-3, Protection.NONE, 43);
      assertTrue(
          other.outcome().flipped() != o.flipped()
              || !java.util.Arrays.equals(other.values(), a.values()));
    }
    assertEquals(
        0, BitErrors.inject(WEIGHTS, StoredForm.INT8, 0, Protection.NONE, 1).outcome().flipped());
    assertThrows(
        IllegalArgumentException.class,
        () -> BitErrors.inject(WEIGHTS, StoredForm.INT8, 0.5, Protection.NONE, 1));
  }

  @Test
  void secdedCorrectsOneFlipAWordDetectsTwoAndMissesThree() {
    float[] x = java.util.Arrays.copyOf(WEIGHTS, 32); // INT8: 4 words of 8 codes, 72 bits each
    // word 0: one flip; word 1: two; word 2: three (one of them a check bit); word 3: none.
    long[] flips = {3, 72 + 5, 72 + 20, 144 + 1, 144 + 9, 144 + 70};
    BitErrors.Result r = BitErrors.flip(x, StoredForm.INT8, Protection.SECDED, flips);
    Outcome o = r.outcome();
    assertEquals(4 * 72, o.storedBits());
    assertEquals(6, o.flipped());
    assertEquals(1, o.corrected());
    assertEquals(1, o.detected());
    assertEquals(1, o.silent());
    BitErrors.Result clean = BitErrors.flip(x, StoredForm.INT8, Protection.SECDED, new long[0]);
    for (int i = 0; i < 8; i++) {
      assertEquals(clean.values()[i], r.values()[i], 0, "word 0 is corrected");
    }
    assertEquals(4, o.valuesChanged(), "codes 8, 10, 16, 17: the check-bit flip changes no value");
  }

  @Test
  void parityZeroesAnInt4CodeWithAnOddNumberOfFlipsAndMissesAnEvenOne() {
    float[] x = {0.7f, -0.7f, 0.35f, 0.1f};
    // 5-bit words: code 0 one flip, code 1 two flips, code 2 its parity bit only.
    long[] flips = {2, 5, 6, 14};
    BitErrors.Result r = BitErrors.flip(x, StoredForm.INT4, Protection.PARITY, flips);
    assertEquals(0f, r.values()[0], 0, "detected: zeroed");
    assertEquals(2, r.outcome().detected());
    assertEquals(1, r.outcome().silent());
    assertEquals(0f, r.values()[2], 0, "a flipped parity bit also reads as an error");
    assertEquals(x[3], r.values()[3], 0.05f);
  }

  @Test
  void oneExponentFlipInFp32IsHugeWhileAnInt8FlipIsBoundedByTheRange() {
    float[] x = {0.05f};
    float fp32 = BitErrors.flip(x, StoredForm.FP32, Protection.NONE, new long[] {30}).values()[0];
    assertEquals(Float.intBitsToFloat(Float.floatToRawIntBits(0.05f) ^ (1 << 30)), fp32, 0);
    assertTrue(fp32 > 1e36f, String.valueOf(fp32));
    float amax = 0;
    for (float v : WEIGHTS) {
      amax = Math.max(amax, Math.abs(v));
    }
    BitErrors.Result int8 = BitErrors.inject(WEIGHTS, StoredForm.INT8, 1e-3, Protection.NONE, 5);
    BitErrors.Result clean = BitErrors.inject(WEIGHTS, StoredForm.INT8, 0, Protection.NONE, 5);
    float worst = 0;
    for (int i = 0; i < WEIGHTS.length; i++) {
      worst = Math.max(worst, Math.abs(int8.values()[i] - clean.values()[i]));
    }
    // Codes run from −128 to 127: a flipped code moves by at most 255 steps of max|w| / 127.
    assertTrue(worst <= 255f / 127 * amax * 1.0001f, worst + " vs " + amax);
  }

  @Test
  void everyFp16BitPatternDecodesAndEncodesBack() {
    for (int h = 0; h < 0x10000; h++) {
      float v = StoredForm.halfValue(h);
      if (!Float.isNaN(v)) {
        assertEquals(h, StoredForm.halfBits(v), Integer.toHexString(h));
      }
    }
    assertEquals(65504f, StoredForm.halfValue(0x7BFF), 0);
    assertEquals(0x1p-24f, StoredForm.halfValue(1), 0);
  }

  private static float[] scaled(float[] x, float by) {
    for (int i = 0; i < x.length; i++) {
      x[i] *= by;
    }
    return x;
  }
}
