package io.quantlens.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ggml formats as schemes: text, storage, and the kernel the analysis runs. */
class GgmlSchemeTest {

  @ParameterizedTest
  @CsvSource({
    "q8_0, 32, SYM, 8.5",
    "q4_0, 32, SYM, 4.5",
    "q4_1, 32, ASYM, 5.0",
    "q5_0, 32, SYM, 5.5",
    "q5_1, 32, ASYM, 6.0",
    "q2_k, 256, ASYM, 2.625",
    "q3_k, 256, SYM, 3.4375",
    "q4_k, 256, ASYM, 4.5",
    "q5_k, 256, ASYM, 5.5",
    "q6_k, 256, SYM, 6.5625"
  })
  void parsesToTheBlockSchemeAndStoresWholeBlocks(
      String text, int block, Symmetry symmetry, double bitsPerWeight) {
    Scheme s = Scheme.parse(text.toUpperCase(java.util.Locale.ROOT));
    assertEquals(text, s.format().id());
    assertEquals(Granularity.group(block), s.granularity());
    assertEquals(symmetry, s.symmetry());
    assertEquals(Clip.MINMAX, s.clip());
    assertEquals(text, s.id());
    assertEquals(s, Scheme.parse(s.id()));
    assertEquals(bitsPerWeight, StorageConvention.bitsPerWeight(s, 3, 4 * block), 0);
    // A row of 1.5 blocks is stored as two whole blocks.
    long row = 2L * 8 * ((GgmlFormat) s.format()).blockBytes();
    assertEquals(3 * row, StorageConvention.storedBits(s, 3, block + block / 2));
  }

  @Test
  void takesNoOptionsAndIsListedInTheFormatError() {
    var e = assertThrows(SchemeSyntaxException.class, () -> Scheme.parse("q4_k:g32"));
    assertTrue(e.getMessage().contains("takes no options"), e.getMessage());
    assertThrows(SchemeSyntaxException.class, () -> Scheme.parse("q8_0:sym"));
    var unknown = assertThrows(SchemeSyntaxException.class, () -> Scheme.parse("q7_k"));
    assertTrue(unknown.getMessage().contains("q4_k"), unknown.getMessage());
  }

  @Test
  void kernelPadsAShortLastBlockWithZeros() {
    // Two channels of 40: each is one full q8_0 block and one block of 8 values + 24 zeros.
    Scheme s = Scheme.parse("q8_0");
    float[] x = new float[80];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.sin(i * 0.37) * (1 + i % 7);
    }
    float[] out = new float[80];
    ErrorAccumulator acc = new ErrorAccumulator(new HistogramAccumulator(-1, 1, 8));
    SchemeKernel k = SchemeKernel.of(s, null);
    k.roundTripChannels(s, x, 2, 40, out, new float[80], acc);
    acc.add(x, out, 0, 80);
    for (int c = 0; c < 2; c++) {
      float[] padded = new float[64];
      System.arraycopy(x, 40 * c, padded, 0, 40);
      byte[] blocks = new byte[68];
      float[] y = new float[64];
      for (int b = 0; b < 2; b++) {
        GgmlFormat.Q8_0.quantizeBlock(padded, 32 * b, blocks, 34 * b);
        GgmlFormat.Q8_0.dequantizeBlock(ByteBuffer.wrap(blocks), 34 * b, y, 32 * b);
      }
      for (int i = 0; i < 40; i++) {
        assertEquals(y[i], out[40 * c + i], 0, "channel " + c + " element " + i);
      }
    }
    assertEquals(0, acc.toStats().clippedFraction());
    assertNull(k.groupParams(x, 0, 32, new float[80]));
  }

  @Test
  void kernelCountsClippingAndPredictsNoiseFromTheBlockStep() {
    // q4_0: max −4 → d = 0.5; +4 lands on code 15 = 3.5, half a step beyond the top level 3.5 +
    // 0.25 is 3.75 < 4, so it is clipped; every value predicts 0.5²/12.
    float[] x = new float[32];
    x[0] = -4f;
    x[20] = 4f;
    x[5] = 3.7f; // 3.5 + 0.2: not clipped
    Scheme s = Scheme.parse("q4_0");
    SchemeKernel k = SchemeKernel.of(s, null);
    ErrorAccumulator acc = new ErrorAccumulator(new HistogramAccumulator(-1, 1, 8));
    float[] out = new float[32];
    k.roundTrip(x, 0, 32, out, new float[32], acc);
    acc.add(x, out, 0, 32);
    ErrorStats st = acc.toStats();
    assertEquals(1.0 / 32, st.clippedFraction(), 1e-12);
    assertEquals(0.25 / 12, st.predictedMse(), 1e-12);
    assertEquals(0.5f, k.groupScale(x, 0, 32, new float[32]));
    double[] levels = k.groupLevels(x, 0, 32, new float[32]);
    assertEquals(16, levels.length);
    assertEquals(-4.0, levels[0]);
    assertEquals(3.5, levels[15]);
  }

  @Test
  void groupScaleOfAKQuantIsItsWidestSubBlockStep() {
    // q3_k with sub-block 0 on a step-8 grid and the rest on step 0.25 (see GgmlKQuantHandTest).
    int[] k3 = {-4, -3, -2, -1, 0, 1, 2, 3, 3, 2, 1, 0, -1, -2, -3, 1};
    float[] x = new float[256];
    for (int i = 0; i < 256; i++) {
      x[i] = k3[i % 16] * (i < 16 ? 8f : 0.25f);
    }
    SchemeKernel k = SchemeKernel.of(Scheme.parse("q3_k"), null);
    assertEquals(8f, k.groupScale(x, 0, 256, new float[256]));
    assertArrayEquals(
        new double[] {-32, -24, -16, -8, 0, 8, 16, 24}, k.groupLevels(x, 0, 256, new float[256]));
  }
}
