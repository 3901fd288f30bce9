package io.quantlens.quant;

import static io.quantlens.quant.GgmlTestBlocks.decode;
import static io.quantlens.quant.GgmlTestBlocks.hex;
import static io.quantlens.quant.GgmlTestBlocks.quantize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Hand-derived q8_0, q4_0, q4_1, q5_0 and q5_1 blocks (rules in
 * docs/numeric-rules.md#ggml-block-formats): ties, all zeros, one huge value, a negative maximum.
 */
class GgmlLegacyHandTest {

  /** Codes of a q8_0 block: the bytes after the 2-byte scale, as signed values. */
  private static int[] q8Codes(byte[] b) {
    int[] q = new int[32];
    for (int i = 0; i < 32; i++) {
      q[i] = b[2 + i];
    }
    return q;
  }

  /** Element j's 4-bit code in a q4 block whose nibbles start at byte {@code qs}. */
  private static int nibble(byte[] b, int qs, int j) {
    int v = b[qs + j % 16] & 0xFF;
    return j < 16 ? v & 0xF : v >>> 4;
  }

  @Test
  void q8_0TiesRoundHalfAwayFromZero() {
    // amax 127 → d = 1, id = 1: x·id = ±(k + 0.5) exactly; roundf gives ±(k + 1).
    float[] x = new float[32];
    x[0] = 127f;
    int[] expected = new int[32];
    expected[0] = 127;
    for (int j = 1; j < 32; j++) {
      x[j] = j - 16 + 0.5f; // −14.5 … 15.5
      expected[j] = j < 16 ? j - 16 : j - 15; // −14.5 → −15, −0.5 → −1, 0.5 → 1, 15.5 → 16
    }
    byte[] b = quantize(GgmlFormat.Q8_0, x);
    assertEquals("003c", hex(b).substring(0, 4), "d = 1.0 = 0x3c00");
    assertArrayEquals(expected, q8Codes(b));
    // nearest_int (half even) would give 2 for 2.5 (j = 18) and 0 for ±0.5; roundf gives 3, ±1.
    assertEquals(3, q8Codes(b)[18]);
  }

  @Test
  void q8_0ZerosHugeAndNegativeMax() {
    assertEquals("00".repeat(34), hex(quantize(GgmlFormat.Q8_0, new float[32])));

    float[] huge = new float[32];
    Arrays.fill(huge, 0.001f);
    huge[3] = 1000f; // d = 1000/127 = 7.874 → fp16 7.875 (0x47e0); 0.001 · 0.127 → 0
    byte[] b = quantize(GgmlFormat.Q8_0, huge);
    assertEquals("e047" + "000000" + "7f" + "00".repeat(28), hex(b));
    assertEquals(127 * 7.875f, decode(GgmlFormat.Q8_0, b)[3]);

    float[] neg = new float[32];
    neg[0] = -2.54f; // d = 0.02 → fp16 0x251f = 0.0200042724609375, code −127 = 0x81
    b = quantize(GgmlFormat.Q8_0, neg);
    assertEquals("1f2581" + "00".repeat(31), hex(b));
    assertEquals(-2.5405426025390625f, decode(GgmlFormat.Q8_0, b)[0]);
  }

  @Test
  void q4_0TruncatesAfterAddingEightAndAHalf() {
    // max −8 → d = 1, id = 1; q = min(15, trunc(x + 8.5)): ties go up, +7.5 clips to +7.
    float[] x = new float[32];
    x[0] = -8f;
    x[1] = 0.5f; // 9 → +1
    x[2] = -0.5f; // 8 → 0
    x[3] = 1.5f; // 10 → +2
    x[4] = -1.5f; // 7 → −1
    x[5] = 7.5f; // 16 → 15 → +7
    x[6] = 7f; // 15.5 → 15 → +7
    x[16] = 2.5f; // 11 → +3 (high nibble of byte 0)
    byte[] b = quantize(GgmlFormat.Q4_0, x);
    assertEquals("003c", hex(b).substring(0, 4));
    int[] codes = {0, 9, 8, 10, 7, 15, 15};
    for (int j = 0; j < codes.length; j++) {
      assertEquals(codes[j], nibble(b, 2, j), "element " + j);
    }
    assertEquals(11, nibble(b, 2, 16));
    float[] y = decode(GgmlFormat.Q4_0, b);
    assertArrayEquals(new float[] {-8f, 1f, 0f, 2f, -1f, 7f, 7f}, Arrays.copyOf(y, 7));
    assertEquals(3f, y[16]);
  }

  @Test
  void q4_0ZerosHugeAndNegativeMax() {
    // max = 0 → d = 0/−8 = −0.0 (fp16 0x8000, as ggml stores it) → id = 0 → codes trunc(8.5) = 8
    assertEquals("0080" + "88".repeat(16), hex(quantize(GgmlFormat.Q4_0, new float[32])));

    float[] huge = new float[32];
    Arrays.fill(huge, 0.3f);
    huge[9] = 100f; // d = −12.5 (0xca40); 100 → code 0; 0.3·(−0.08) + 8.5 → 8
    byte[] b = quantize(GgmlFormat.Q4_0, huge);
    assertEquals("40ca" + "88".repeat(9) + "80" + "88".repeat(6), hex(b));

    float[] neg = new float[32];
    neg[0] = -4f; // first of equal magnitudes wins: d = 0.5 (0x3800), id = 2
    neg[20] = 4f; // 4·2 + 8.5 = 16.5 → 16 → clamped 15 → +7 · 0.5 = 3.5
    b = quantize(GgmlFormat.Q4_0, neg);
    assertEquals("0038", hex(b).substring(0, 4));
    float[] y = decode(GgmlFormat.Q4_0, b);
    assertEquals(-4f, y[0]);
    assertEquals(3.5f, y[20]);
  }

  @Test
  void q4_1TiesAndZerosAndConstant() {
    // min 0, max 15 → d = 1: q = trunc(x + 0.5), so 2.5 → 3 and 0.5 → 1 (ties up)
    float[] x = new float[32];
    x[1] = 15f;
    x[2] = 2.5f;
    x[3] = 0.5f;
    x[4] = 14.5f; // 15
    byte[] b = quantize(GgmlFormat.Q4_1, x);
    assertEquals("003c" + "0000", hex(b).substring(0, 8), "d = 1, m = 0");
    assertArrayEquals(
        new int[] {0, 15, 3, 1, 15},
        new int[] {
          nibble(b, 4, 0), nibble(b, 4, 1), nibble(b, 4, 2), nibble(b, 4, 3), nibble(b, 4, 4)
        });

    assertEquals("00".repeat(20), hex(quantize(GgmlFormat.Q4_1, new float[32])));

    float[] constant = new float[32];
    Arrays.fill(constant, 0.3f); // d = 0, m = fp16(0.3) = 0x34cd = 0.300048828125, codes 0
    b = quantize(GgmlFormat.Q4_1, constant);
    assertEquals("0000cd34" + "00".repeat(16), hex(b));
    float[] y = decode(GgmlFormat.Q4_1, b);
    for (float v : y) {
      assertEquals(0.300048828125f, v);
    }
  }

  @Test
  void q4_1NegativeBlock() {
    // min −4 = first element, max 0: d = 4/15 → fp16 0x3444 = 0.2666015625, m = −4 (0xc400)
    float[] x = new float[32];
    x[0] = -4f;
    // In fp32, d = 4/15 rounds up to 0.26666668, so id = 3.7499998 and (−2 + 4)·id + 0.5 =
    // 7.9999995, which truncates to 7 (real arithmetic would give 8).
    x[1] = -2f;
    byte[] b = quantize(GgmlFormat.Q4_1, x);
    assertEquals("443400c4", hex(b).substring(0, 8));
    assertEquals(0, nibble(b, 4, 0));
    assertEquals(7, nibble(b, 4, 1));
    assertEquals(15, nibble(b, 4, 2), "zeros: 4·3.7499998 + 0.5 = 15.499999 → 15");
    float[] y = decode(GgmlFormat.Q4_1, b);
    assertEquals(-4f, y[0]);
    assertEquals(7 * 0.2666015625f + -4f, y[1]);
  }

  @Test
  void q5_0ZerosSetEveryHighBit() {
    // d = 0/−16 = −0.0 (0x8000) → codes trunc(16.5) = 16 = 0b10000: nibbles 0, every high bit set
    assertEquals(
        "0080" + "ffffffff" + "00".repeat(16), hex(quantize(GgmlFormat.Q5_0, new float[32])));
  }

  @Test
  void q5_0TiesAndNegativeMax() {
    // max −16 → d = 1 (0x3c00): q = min(31, trunc(x + 16.5))
    float[] x = new float[32];
    x[0] = -16f; // 0
    x[1] = 0.5f; // 17 → +1
    x[2] = -0.5f; // 16 → 0
    x[17] = 15.5f; // 32 → 31 → +15 (clipped)
    x[18] = -15.5f; // 1 → −15
    byte[] b = quantize(GgmlFormat.Q5_0, x);
    float[] y = decode(GgmlFormat.Q5_0, b);
    assertEquals("003c", hex(b).substring(0, 4));
    assertEquals(-16f, y[0]);
    assertEquals(1f, y[1]);
    assertEquals(0f, y[2]);
    assertEquals(15f, y[17]);
    assertEquals(-15f, y[18]);
    // qh bit j = bit 4 of code j: codes 0, 17, 16, then 16 … | element 16: 16, 17: 31, 18: 1
    int qh = (b[2] & 0xFF) | (b[3] & 0xFF) << 8 | (b[4] & 0xFF) << 16 | (b[5] & 0xFF) << 24;
    assertEquals(0xFFFBFFFE, qh);
  }

  @Test
  void q5_1ZerosAndTies() {
    assertEquals("00".repeat(24), hex(quantize(GgmlFormat.Q5_1, new float[32])));
    // min 0, max 31 → d = 1: q = trunc(x + 0.5), not clamped
    float[] x = new float[32];
    x[0] = 31f;
    x[1] = 16.5f; // 17
    x[2] = 0.5f; // 1
    byte[] b = quantize(GgmlFormat.Q5_1, x);
    assertEquals("003c0000", hex(b).substring(0, 8));
    float[] y = decode(GgmlFormat.Q5_1, b);
    assertEquals(31f, y[0]);
    assertEquals(17f, y[1]);
    assertEquals(1f, y[2]);
  }
}
