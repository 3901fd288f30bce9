package io.quantlens.quant;

import static io.quantlens.quant.GgmlKSearch.clamp;
import static io.quantlens.quant.GgmlRounding.getHalf;
import static io.quantlens.quant.GgmlRounding.nearestInt;
import static io.quantlens.quant.GgmlRounding.putHalf;
import static io.quantlens.quant.GgmlRounding.throughHalf;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The k-quants with 16 sub-blocks of 16 weights: q2_k, q3_k and q6_k (ggml-quants.c {@code
 * quantize_row_q2_K_ref}, {@code _q3_K_ref}, {@code _q6_K_ref} and their {@code dequantize_row_*};
 * layouts in docs/file-formats.md#ggml-block-layouts). Codes are re-derived from the fp16-rounded
 * scales after the search, as the reference does.
 */
final class GgmlK16Blocks {
  static final int QK_K = 256;
  private static final int SUB = 16;
  private static final int SUBS = QK_K / SUB;

  private GgmlK16Blocks() {}

  // q2_k: {scales u8[16] (low nibble scale, high nibble min), qs u8[64], d f16, dmin f16}
  private static final int Q2_QS = 16;
  private static final int Q2_D = 80;
  private static final int Q2_DMIN = 82;

  static void quantizeQ2K(float[] x, int off, byte[] dst, int at) {
    GgmlScratch s = GgmlScratch.get();
    int[] codes = s.codes;
    float maxScale = 0;
    float maxMin = 0;
    for (int j = 0; j < SUBS; j++) {
      for (int l = 0; l < SUB; l++) {
        s.weights[l] = Math.abs(x[off + SUB * j + l]);
      }
      s.subScales[j] =
          GgmlKSearch.makeQkx2Quants(
              SUB,
              3,
              x,
              off + SUB * j,
              s.weights,
              codes,
              SUB * j,
              s.subMins,
              j,
              s.candidate,
              -0.5f,
              0.1f,
              15,
              true);
      if (s.subScales[j] > maxScale) {
        maxScale = s.subScales[j];
      }
      if (s.subMins[j] > maxMin) {
        maxMin = s.subMins[j];
      }
    }
    final float q4scale = 15f;
    if (maxScale > 0) {
      float iscale = q4scale / maxScale;
      for (int j = 0; j < SUBS; j++) {
        dst[at + j] = (byte) nearestInt(iscale * s.subScales[j]);
      }
      putHalf(dst, at + Q2_D, maxScale / q4scale);
    } else {
      Arrays.fill(dst, at, at + SUBS, (byte) 0);
      putHalf(dst, at + Q2_D, 0f);
    }
    if (maxMin > 0) {
      float iscale = q4scale / maxMin;
      for (int j = 0; j < SUBS; j++) {
        dst[at + j] |= (byte) (nearestInt(iscale * s.subMins[j]) << 4);
      }
      putHalf(dst, at + Q2_DMIN, maxMin / q4scale);
    } else {
      putHalf(dst, at + Q2_DMIN, 0f);
    }
    float dAll = HalfFloats.fp16ToFloat(half(dst, at + Q2_D));
    float dminAll = HalfFloats.fp16ToFloat(half(dst, at + Q2_DMIN));
    for (int j = 0; j < SUBS; j++) {
      int sc = dst[at + j] & 0xFF;
      float d = dAll * (sc & 0xF);
      if (d == 0) {
        continue;
      }
      float dm = dminAll * (sc >>> 4);
      for (int i = 0; i < SUB; i++) {
        codes[SUB * j + i] = clamp(nearestInt((x[off + SUB * j + i] + dm) / d), 0, 3);
      }
    }
    packTwoBit(codes, dst, at + Q2_QS);
  }

  static void dequantizeQ2K(ByteBuffer src, int at, float[] y, int off) {
    float d = getHalf(src, at + Q2_D);
    float min = getHalf(src, at + Q2_DMIN);
    int is = 0;
    int out = off;
    for (int n = 0; n < 2; n++) {
      int q = at + Q2_QS + 32 * n;
      for (int shift = 0; shift < 8; shift += 2) {
        for (int half = 0; half < 2; half++) {
          int sc = src.get(at + is++) & 0xFF;
          float dl = d * (sc & 0xF);
          float ml = min * (sc >>> 4);
          for (int l = 0; l < 16; l++) {
            y[out++] = dl * ((src.get(q + 16 * half + l) >>> shift) & 3) - ml;
          }
        }
      }
    }
  }

  // q3_k: {hmask u8[32], qs u8[64], scales u8[12] (16 six-bit scales), d f16}
  private static final int Q3_QS = 32;
  private static final int Q3_SCALES = 96;
  private static final int Q3_D = 108;

  static void quantizeQ3K(float[] x, int off, byte[] dst, int at) {
    GgmlScratch s = GgmlScratch.get();
    int[] codes = s.codes;
    float maxScale = 0;
    float amax = 0;
    for (int j = 0; j < SUBS; j++) {
      s.subScales[j] = GgmlKSearch.makeQ3Quants(SUB, 4, x, off + SUB * j, codes, SUB * j);
      float scale = Math.abs(s.subScales[j]);
      if (scale > amax) {
        amax = scale;
        maxScale = s.subScales[j];
      }
    }
    Arrays.fill(dst, at, at + Q3_D + 2, (byte) 0);
    int sc = at + Q3_SCALES;
    if (maxScale != 0) {
      float iscale = -32f / maxScale;
      for (int j = 0; j < SUBS; j++) {
        int l = clamp((byte) nearestInt(iscale * s.subScales[j]), -32, 31) + 32;
        if (j < 8) {
          dst[sc + j] = (byte) (l & 0xF);
        } else {
          dst[sc + j - 8] |= (byte) ((l & 0xF) << 4);
        }
        dst[sc + 8 + j % 4] |= (byte) ((l >> 4) << (2 * (j / 4)));
      }
      putHalf(dst, at + Q3_D, 1 / iscale);
    } else {
      putHalf(dst, at + Q3_D, 0f);
    }
    float dAll = HalfFloats.fp16ToFloat(half(dst, at + Q3_D));
    for (int j = 0; j < SUBS; j++) {
      float d = dAll * q3Scale(dst[sc + (j < 8 ? j : j - 8)], dst[sc + 8 + j % 4], j);
      if (d == 0) {
        continue;
      }
      for (int i = 0; i < SUB; i++) {
        codes[SUB * j + i] = clamp(nearestInt(x[off + SUB * j + i] / d), -4, 3) + 4;
      }
    }
    for (int j = 0; j < QK_K; j++) {
      if (codes[j] > 3) {
        dst[at + j % 32] |= (byte) (1 << (j / 32));
        codes[j] -= 4;
      }
    }
    packTwoBit(codes, dst, at + Q3_QS);
  }

  /** The signed 6-bit scale of sub-block j from its low-nibble byte and its high-bits byte. */
  private static int q3Scale(byte lowByte, byte highByte, int j) {
    int low = j < 8 ? lowByte & 0xF : (lowByte & 0xFF) >>> 4;
    int high = ((highByte & 0xFF) >>> (2 * (j / 4))) & 3;
    return (low | high << 4) - 32;
  }

  static void dequantizeQ3K(ByteBuffer src, int at, float[] y, int off) {
    float dAll = getHalf(src, at + Q3_D);
    int sc = at + Q3_SCALES;
    int is = 0;
    int out = off;
    int bit = 0;
    for (int n = 0; n < 2; n++) {
      int q = at + Q3_QS + 32 * n;
      for (int shift = 0; shift < 8; shift += 2, bit++) {
        for (int half = 0; half < 2; half++, is++) {
          float dl =
              dAll * q3Scale(src.get(sc + (is < 8 ? is : is - 8)), src.get(sc + 8 + is % 4), is);
          for (int l = 16 * half; l < 16 * half + 16; l++) {
            int low = (src.get(q + l) >>> shift) & 3;
            boolean high = (src.get(at + l) & (1 << bit)) != 0;
            y[out++] = dl * (low - (high ? 0 : 4));
          }
        }
      }
    }
  }

  // q6_k: {ql u8[128] (low nibbles), qh u8[64] (high 2 bits), scales i8[16], d f16}
  private static final int Q6_QH = 128;
  private static final int Q6_SCALES = 192;
  private static final int Q6_D = 208;

  static void quantizeQ6K(float[] x, int off, byte[] dst, int at) {
    GgmlScratch s = GgmlScratch.get();
    int[] codes = s.codes;
    float maxScale = 0;
    float maxAbsScale = 0;
    for (int ib = 0; ib < SUBS; ib++) {
      float scale = GgmlKSearch.makeQxQuants(SUB, 32, x, off + SUB * ib, codes, SUB * ib, 1);
      s.subScales[ib] = scale;
      if (Math.abs(scale) > maxAbsScale) {
        maxAbsScale = Math.abs(scale);
        maxScale = scale;
      }
    }
    if (maxAbsScale < GgmlKSearch.GROUP_MAX_EPS) {
      Arrays.fill(dst, at, at + Q6_D + 2, (byte) 0);
      putHalf(dst, at + Q6_D, 0f);
      return;
    }
    float iscale = -128f / maxScale;
    putHalf(dst, at + Q6_D, 1 / iscale);
    for (int ib = 0; ib < SUBS; ib++) {
      dst[at + Q6_SCALES + ib] = (byte) Math.min(127, nearestInt(iscale * s.subScales[ib]));
    }
    float dAll = throughHalf(1 / iscale);
    for (int j = 0; j < SUBS; j++) {
      float d = dAll * dst[at + Q6_SCALES + j];
      if (d == 0) {
        continue;
      }
      for (int i = 0; i < SUB; i++) {
        codes[SUB * j + i] = clamp(nearestInt(x[off + SUB * j + i] / d), -32, 31) + 32;
      }
    }
    for (int n = 0; n < 2; n++) {
      int ql = at + 64 * n;
      int qh = at + Q6_QH + 32 * n;
      int base = 128 * n;
      for (int l = 0; l < 32; l++) {
        int q1 = codes[base + l];
        int q2 = codes[base + l + 32];
        int q3 = codes[base + l + 64];
        int q4 = codes[base + l + 96];
        dst[ql + l] = (byte) ((q1 & 0xF) | (q3 & 0xF) << 4);
        dst[ql + l + 32] = (byte) ((q2 & 0xF) | (q4 & 0xF) << 4);
        dst[qh + l] = (byte) ((q1 >> 4) | (q2 >> 4) << 2 | (q3 >> 4) << 4 | (q4 >> 4) << 6);
      }
    }
  }

  static void dequantizeQ6K(ByteBuffer src, int at, float[] y, int off) {
    float d = getHalf(src, at + Q6_D);
    for (int n = 0; n < 2; n++) {
      int ql = at + 64 * n;
      int qh = at + Q6_QH + 32 * n;
      int sc = at + Q6_SCALES + 8 * n;
      int out = off + 128 * n;
      for (int l = 0; l < 32; l++) {
        int is = l / 16;
        int low0 = src.get(ql + l) & 0xFF;
        int low1 = src.get(ql + l + 32) & 0xFF;
        int high = src.get(qh + l) & 0xFF;
        int q1 = ((low0 & 0xF) | (high & 3) << 4) - 32;
        int q2 = ((low1 & 0xF) | ((high >>> 2) & 3) << 4) - 32;
        int q3 = ((low0 >>> 4) | ((high >>> 4) & 3) << 4) - 32;
        int q4 = ((low1 >>> 4) | ((high >>> 6) & 3) << 4) - 32;
        y[out + l] = d * src.get(sc + is) * q1;
        y[out + l + 32] = d * src.get(sc + is + 2) * q2;
        y[out + l + 64] = d * src.get(sc + is + 4) * q3;
        y[out + l + 96] = d * src.get(sc + is + 6) * q4;
      }
    }
  }

  /**
   * Per sub-block of 16, the decoded level of code q is {@code mul·q + add}; codes span q2_k 0..3,
   * q3_k −4..3, q6_k −32..31.
   */
  static void subBlockLevels(GgmlFormat f, ByteBuffer src, int at, float[] mul, float[] add) {
    switch (f) {
      case Q2_K -> {
        float d = getHalf(src, at + Q2_D);
        float min = getHalf(src, at + Q2_DMIN);
        for (int j = 0; j < SUBS; j++) {
          int sc = src.get(at + j) & 0xFF;
          mul[j] = d * (sc & 0xF);
          add[j] = -(min * (sc >>> 4));
        }
      }
      case Q3_K -> {
        float d = getHalf(src, at + Q3_D);
        int sc = at + Q3_SCALES;
        for (int j = 0; j < SUBS; j++) {
          mul[j] = d * q3Scale(src.get(sc + (j < 8 ? j : j - 8)), src.get(sc + 8 + j % 4), j);
          add[j] = 0;
        }
      }
      case Q6_K -> {
        float d = getHalf(src, at + Q6_D);
        for (int j = 0; j < SUBS; j++) {
          mul[j] = d * src.get(at + Q6_SCALES + j);
          add[j] = 0;
        }
      }
      default -> throw new IllegalArgumentException(f + " has no 16-weight sub-blocks");
    }
  }

  /** Four 2-bit codes per byte: byte l of each 32-byte run holds elements l, l+32, l+64, l+96. */
  private static void packTwoBit(int[] codes, byte[] dst, int qs) {
    for (int j = 0; j < QK_K; j += 128) {
      for (int l = 0; l < 32; l++) {
        dst[qs + j / 4 + l] =
            (byte)
                (codes[j + l]
                    | codes[j + l + 32] << 2
                    | codes[j + l + 64] << 4
                    | codes[j + l + 96] << 6);
      }
    }
  }

  private static int half(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
  }
}
