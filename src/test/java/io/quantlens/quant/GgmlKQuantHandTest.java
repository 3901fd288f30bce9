package io.quantlens.quant;

import static io.quantlens.quant.GgmlTestBlocks.decode;
import static io.quantlens.quant.GgmlTestBlocks.hex;
import static io.quantlens.quant.GgmlTestBlocks.quantize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hand-derived k-quant blocks. Inputs lie exactly on a grid (codes k times a power-of-two step, the
 * largest magnitude negative for q3_k and q6_k, a negative min for the others), so every search
 * keeps the grid's codes and scale, every sub-block scale is the top 6- or 4-bit code, and the
 * stored scales are exact powers of two: the bytes named below and x̂ = x follow without running
 * the searches.
 */
class GgmlKQuantHandTest {
  private static final int[] K6 = {-32, -20, -5, 0, 1, 2, 7, 13, 31, -1, 3, 8, -8, 16, -16, 24};
  private static final int[] K3 = {-4, -3, -2, -1, 0, 1, 2, 3, 3, 2, 1, 0, -1, -2, -3, 1};
  private static final int[] K2 = {0, 1, 2, 3, 3, 2, 1, 0, 0, 3, 1, 2, 2, 1, 3, 0};

  private static float[] grid16(int[] k, float step) {
    float[] x = new float[256];
    for (int i = 0; i < 256; i++) {
      x[i] = k[i % 16] * step;
    }
    return x;
  }

  @ParameterizedTest
  @EnumSource(
      value = GgmlFormat.class,
      names = {"Q2_K", "Q3_K", "Q4_K", "Q5_K", "Q6_K"})
  void allZeroBlockIsAllZeroBytes(GgmlFormat f) {
    byte[] b = quantize(f, new float[256]);
    assertEquals("00".repeat(f.blockBytes()), hex(b));
    for (float v : decode(f, b)) {
      assertEquals(0f, v, 0f); // q6_k decodes 0·0·(0 − 32) = −0.0, the others +0.0
    }
  }

  @Test
  void q6_kNegativeMaxGrid() {
    // sub-block scale 1/8 everywhere → iscale = −128·8 → d = −2^−10 (0x9400), scales −128 (0x80)
    float[] x = grid16(K6, 0.125f);
    byte[] b = quantize(GgmlFormat.Q6_K, x);
    assertEquals("80".repeat(16) + "0094", hex(b).substring(2 * 192));
    assertArrayEquals(x, decode(GgmlFormat.Q6_K, b));
    assertEquals(0, b[0] & 0xF, "element 0: code −32 + 32 = 0");
  }

  @Test
  void q6_kHugeSubBlockFlushesTinyOnes() {
    // sub-block 0 has step 8, the others 2^−10: d = fp16(−1/16) (0xac00), sub-scale codes
    // −16·8 = −128 and nearest(−16·2^−10) = 0, so the tiny sub-blocks decode to zeros.
    float[] x = grid16(K6, 0x1.0p-10f);
    for (int i = 0; i < 16; i++) {
      x[i] = K6[i] * 8f;
    }
    byte[] b = quantize(GgmlFormat.Q6_K, x);
    assertEquals("80" + "00".repeat(15) + "00ac", hex(b).substring(2 * 192));
    float[] y = decode(GgmlFormat.Q6_K, b);
    for (int i = 0; i < 256; i++) {
      assertEquals(i < 16 ? x[i] : 0f, y[i], 0f, "element " + i);
    }
  }

  @Test
  void q3_kNegativeMaxGrid() {
    // step 0.5 everywhere → iscale = −32/0.5 → every 6-bit code −32 + 32 = 0, d = −1/64 (0xa400)
    float[] x = grid16(K3, 0.5f);
    byte[] b = quantize(GgmlFormat.Q3_K, x);
    StringBuilder hmask = new StringBuilder();
    for (int l = 0; l < 32; l++) {
      hmask.append(K3[l % 16] >= 0 ? "ff" : "00"); // codes k + 4 ≥ 4 keep their high bit
    }
    assertEquals(hmask.toString(), hex(b).substring(0, 64));
    assertEquals("00".repeat(12) + "00a4", hex(b).substring(2 * 96));
    assertArrayEquals(x, decode(GgmlFormat.Q3_K, b));
  }

  @Test
  void q3_kHugeSubBlock() {
    // sub-block 0 step 8, others 0.25: iscale = −4, codes −32 → 0 and −1 → 31 (low 0xF, high 1);
    // d = −1/4 (0xb400). Scale bytes: [0] = 0 | 15 << 4, [1..7] = 0xff, [8] = 0b01010100, [9..11]
    // = 0b01010101.
    float[] x = grid16(K3, 0.25f);
    for (int i = 0; i < 16; i++) {
      x[i] = K3[i] * 8f;
    }
    byte[] b = quantize(GgmlFormat.Q3_K, x);
    assertEquals("f0" + "ff".repeat(7) + "54555555" + "00b4", hex(b).substring(2 * 96));
    assertArrayEquals(x, decode(GgmlFormat.Q3_K, b));
  }

  @Test
  void q2_kGridWithMin() {
    // x = 15·2^−6·k − 15·2^−5: scale and min are the largest everywhere → 4-bit codes 15 | 15 << 4,
    // d = 2^−6 (0x2400), dmin = 2^−5 (0x2800); x̂ = d·15·k − dmin·15 = x.
    float[] x = new float[256];
    for (int i = 0; i < 256; i++) {
      x[i] = 0.234375f * K2[i % 16] - 0.46875f;
    }
    byte[] b = quantize(GgmlFormat.Q2_K, x);
    assertEquals("ff".repeat(16), hex(b).substring(0, 32));
    assertEquals("00240028", hex(b).substring(2 * 80));
    assertArrayEquals(x, decode(GgmlFormat.Q2_K, b));
  }

  @ParameterizedTest
  @EnumSource(
      value = GgmlFormat.class,
      names = {"Q4_K", "Q5_K"})
  void q4_kAndQ5_kGridWithMin(GgmlFormat f) {
    // x = 63·2^−8·k − 63·2^−7 with k covering 0..nmax in each 32-weight sub-block: all 6-bit scales
    // and mins 63 (every scale byte 0xff), d = 2^−8 (0x1c00), dmin = 2^−7 (0x2000), x̂ = x.
    int nmax = f == GgmlFormat.Q4_K ? 15 : 31;
    int mult = f == GgmlFormat.Q4_K ? 7 : 13;
    float[] x = new float[256];
    for (int i = 0; i < 256; i++) {
      x[i] = 0.24609375f * ((i % 32) * mult % (nmax + 1)) - 0.4921875f;
    }
    byte[] b = quantize(f, x);
    assertEquals("001c0020" + "ff".repeat(12), hex(b).substring(0, 32));
    assertArrayEquals(x, decode(f, b));
  }
}
