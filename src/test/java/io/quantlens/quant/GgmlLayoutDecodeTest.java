package io.quantlens.quant;

import static io.quantlens.quant.GgmlTestBlocks.decode;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Decodes hand-built k-quant blocks (arbitrary bytes, d = 0.5, dmin = 0.25) and checks every
 * element against the per-element formulas of docs/file-formats.md#ggml-block-layouts, written here
 * element by element rather than in the decoders' loop order. All products are exact, so the
 * comparison is exact.
 */
class GgmlLayoutDecodeTest {

  private static byte[] block(GgmlFormat f, int dAt, int dminAt) {
    byte[] b = new byte[f.blockBytes()];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (i * 37 + 11);
    }
    b[dAt] = 0x00; // d = 0.5 = 0x3800
    b[dAt + 1] = 0x38;
    if (dminAt >= 0) {
      b[dminAt] = 0x00; // dmin = 0.25 = 0x3400
      b[dminAt + 1] = 0x34;
    }
    return b;
  }

  private static int u(byte[] b, int i) {
    return b[i] & 0xFF;
  }

  @Test
  void q2_k() {
    byte[] b = block(GgmlFormat.Q2_K, 80, 82);
    float[] y = decode(GgmlFormat.Q2_K, b);
    for (int e = 0; e < 256; e++) {
      int n = e / 128, r = e % 128, j = r / 32, l = r % 32, is = 8 * n + 2 * j + l / 16;
      int q = (u(b, 16 + 32 * n + l) >> (2 * j)) & 3;
      int sc = u(b, is);
      assertEquals(0.5 * (sc & 0xF) * q - 0.25 * (sc >> 4), y[e], 0, "element " + e);
    }
  }

  @Test
  void q3_k() {
    byte[] b = block(GgmlFormat.Q3_K, 108, -1);
    float[] y = decode(GgmlFormat.Q3_K, b);
    for (int e = 0; e < 256; e++) {
      int n = e / 128, r = e % 128, j = r / 32, l = r % 32, is = 8 * n + 2 * j + l / 16;
      int low = (u(b, 32 + 32 * n + l) >> (2 * j)) & 3;
      boolean hbit = ((u(b, l) >> (4 * n + j)) & 1) == 1;
      int q = low - (hbit ? 0 : 4);
      int low4 = is < 8 ? u(b, 96 + is) & 0xF : u(b, 96 + is - 8) >> 4;
      int high2 = (u(b, 96 + 8 + is % 4) >> (2 * (is / 4))) & 3;
      int s = (low4 | high2 << 4) - 32;
      assertEquals(0.5 * s * q, y[e], 0, "element " + e);
    }
  }

  private static int[] scaleMin(byte[] b, int scales, int k) {
    if (k < 4) {
      return new int[] {u(b, scales + k) & 63, u(b, scales + k + 4) & 63};
    }
    int sc = (u(b, scales + k + 4) & 0xF) | (u(b, scales + k - 4) >> 6) << 4;
    int m = (u(b, scales + k + 4) >> 4) | (u(b, scales + k) >> 6) << 4;
    return new int[] {sc, m};
  }

  @Test
  void q4_kAndQ5_k() {
    for (GgmlFormat f : new GgmlFormat[] {GgmlFormat.Q4_K, GgmlFormat.Q5_K}) {
      boolean five = f == GgmlFormat.Q5_K;
      byte[] b = block(f, 0, 2);
      float[] y = decode(f, b);
      int qs = five ? 48 : 16;
      for (int e = 0; e < 256; e++) {
        int c = e / 64, l = e % 32;
        boolean highNibble = e % 64 >= 32;
        int k = 2 * c + (highNibble ? 1 : 0);
        int byt = u(b, qs + 32 * c + l);
        int q = highNibble ? byt >> 4 : byt & 0xF;
        if (five && ((u(b, 16 + l) >> k) & 1) == 1) {
          q += 16;
        }
        int[] sm = scaleMin(b, 4, k);
        assertEquals(0.5 * sm[0] * q - 0.25 * sm[1], y[e], 0, f + " element " + e);
      }
    }
  }

  @Test
  void q6_k() {
    byte[] b = block(GgmlFormat.Q6_K, 208, -1);
    float[] y = decode(GgmlFormat.Q6_K, b);
    for (int e = 0; e < 256; e++) {
      int n = e / 128, t = (e % 128) / 32, l = e % 32, s = l / 16;
      int ql = 64 * n, qh = 128 + 32 * n, sc = 192 + 8 * n;
      int q =
          switch (t) {
            case 0 -> (u(b, ql + l) & 0xF) | (u(b, qh + l) & 3) << 4;
            case 1 -> (u(b, ql + l + 32) & 0xF) | ((u(b, qh + l) >> 2) & 3) << 4;
            case 2 -> (u(b, ql + l) >> 4) | ((u(b, qh + l) >> 4) & 3) << 4;
            default -> (u(b, ql + l + 32) >> 4) | ((u(b, qh + l) >> 6) & 3) << 4;
          };
      int scale = b[sc + s + 2 * t]; // signed
      assertEquals(0.5 * scale * (q - 32), y[e], 0, "element " + e);
    }
  }

  @Test
  void decodingReadsAbsoluteIndicesWithoutMovingTheBuffer() {
    byte[] two = new byte[2 * 34 + 5];
    byte[] one = block(GgmlFormat.Q8_0, 0, -1);
    System.arraycopy(one, 0, two, 5 + 34, 34);
    var buffer = java.nio.ByteBuffer.wrap(two).order(java.nio.ByteOrder.BIG_ENDIAN);
    buffer.position(3);
    float[] y = new float[40];
    GgmlFormat.Q8_0.dequantizeBlock(buffer, 5 + 34, y, 8);
    assertEquals(3, buffer.position());
    for (int i = 0; i < 32; i++) {
      assertEquals(0.5 * one[2 + i], y[8 + i], 0, "element " + i);
    }
  }
}
