package io.quantlens.quant;

import static io.quantlens.quant.GgmlKSearch.clamp;
import static io.quantlens.quant.GgmlRounding.getHalf;
import static io.quantlens.quant.GgmlRounding.nearestInt;
import static io.quantlens.quant.GgmlRounding.putHalf;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The k-quants with 8 sub-blocks of 32 weights, each with a 6-bit scale and a 6-bit min: q4_k and
 * q5_k (ggml-quants.c {@code quantize_row_q4_K_ref}, {@code _q5_K_ref}, {@code
 * dequantize_row_q4_K}, {@code _q5_K}, {@code get_scale_min_k4};
 * docs/file-formats.md#ggml-block-layouts). Layout: d f16, dmin f16, scales u8[12], then (q5_k
 * only) qh u8[32], then qs u8[128].
 */
final class GgmlK32Blocks {
  static final int QK_K = 256;
  private static final int SUB = 32;
  private static final int SUBS = QK_K / SUB;
  private static final int D = 0;
  private static final int DMIN = 2;
  private static final int SCALES = 4;
  private static final int Q5_QH = 16;

  private GgmlK32Blocks() {}

  static void quantizeQ4K(float[] x, int off, byte[] dst, int at) {
    int[] codes = searchAndPackScales(x, off, dst, at, 15, -1f, 20);
    int qs = at + 16;
    for (int c = 0; c < 4; c++) {
      for (int l = 0; l < 32; l++) {
        dst[qs + 32 * c + l] = (byte) (codes[64 * c + l] | codes[64 * c + l + 32] << 4);
      }
    }
  }

  static void quantizeQ5K(float[] x, int off, byte[] dst, int at) {
    int[] codes = searchAndPackScales(x, off, dst, at, 31, -0.5f, 15);
    int qh = at + Q5_QH;
    int qs = at + 48;
    Arrays.fill(dst, qh, qh + 32, (byte) 0);
    for (int c = 0; c < 4; c++) {
      int lowBit = 1 << (2 * c);
      int highBit = lowBit << 1;
      for (int j = 0; j < 32; j++) {
        int l1 = codes[64 * c + j];
        if (l1 > 15) {
          l1 -= 16;
          dst[qh + j] |= (byte) lowBit;
        }
        int l2 = codes[64 * c + j + 32];
        if (l2 > 15) {
          l2 -= 16;
          dst[qh + j] |= (byte) highBit;
        }
        dst[qs + 32 * c + j] = (byte) (l1 | l2 << 4);
      }
    }
  }

  /**
   * The part q4_k and q5_k share: a {@code make_qkx2_quants} search per sub-block weighted by
   * rms(x) + |x|, the scales and mins quantized to 6 bits against the largest of each, d and dmin
   * stored, and the codes re-derived from the stored values. Returns the codes (0..nmax).
   */
  private static int[] searchAndPackScales(
      float[] x, int off, byte[] dst, int at, int nmax, float rmin, int nstep) {
    GgmlScratch s = GgmlScratch.get();
    int[] codes = s.codes;
    float maxScale = 0;
    float maxMin = 0;
    for (int j = 0; j < SUBS; j++) {
      int base = off + SUB * j;
      float sumX2 = 0;
      for (int l = 0; l < SUB; l++) {
        sumX2 += x[base + l] * x[base + l];
      }
      float avX = (float) Math.sqrt(sumX2 / 32);
      for (int l = 0; l < SUB; l++) {
        s.weights[l] = avX + Math.abs(x[base + l]);
      }
      s.subScales[j] =
          GgmlKSearch.makeQkx2Quants(
              SUB,
              nmax,
              x,
              base,
              s.weights,
              codes,
              SUB * j,
              s.subMins,
              j,
              s.candidate,
              rmin,
              0.1f,
              nstep,
              false);
      if (s.subScales[j] > maxScale) {
        maxScale = s.subScales[j];
      }
      if (s.subMins[j] > maxMin) {
        maxMin = s.subMins[j];
      }
    }
    float invScale = maxScale > 0 ? 63.f / maxScale : 0.f;
    float invMin = maxMin > 0 ? 63.f / maxMin : 0.f;
    int sc = at + SCALES;
    for (int j = 0; j < SUBS; j++) {
      int ls = Math.min(63, nearestInt(invScale * s.subScales[j]) & 0xFF);
      int lm = Math.min(63, nearestInt(invMin * s.subMins[j]) & 0xFF);
      if (j < 4) {
        dst[sc + j] = (byte) ls;
        dst[sc + j + 4] = (byte) lm;
      } else {
        dst[sc + j + 4] = (byte) ((ls & 0xF) | (lm & 0xF) << 4);
        dst[sc + j - 4] |= (byte) ((ls >> 4) << 6);
        dst[sc + j] |= (byte) ((lm >> 4) << 6);
      }
    }
    putHalf(dst, at + D, maxScale / 63.f);
    putHalf(dst, at + DMIN, maxMin / 63.f);
    float dAll = HalfFloats.fp16ToFloat((dst[at + D] & 0xFF) | (dst[at + D + 1] & 0xFF) << 8);
    float dminAll =
        HalfFloats.fp16ToFloat((dst[at + DMIN] & 0xFF) | (dst[at + DMIN + 1] & 0xFF) << 8);
    for (int j = 0; j < SUBS; j++) {
      float d = dAll * scale(dst, sc, j);
      if (d == 0) {
        continue;
      }
      float dm = dminAll * min(dst, sc, j);
      for (int i = 0; i < SUB; i++) {
        codes[SUB * j + i] = clamp(nearestInt((x[off + SUB * j + i] + dm) / d), 0, nmax);
      }
    }
    return codes;
  }

  /** The 6-bit scale of sub-block j (get_scale_min_k4's d). */
  private static int scale(byte[] b, int sc, int j) {
    return j < 4 ? b[sc + j] & 63 : (b[sc + j + 4] & 0xF) | ((b[sc + j - 4] & 0xFF) >>> 6) << 4;
  }

  /** The 6-bit min of sub-block j (get_scale_min_k4's m). */
  private static int min(byte[] b, int sc, int j) {
    return j < 4
        ? b[sc + j + 4] & 63
        : ((b[sc + j + 4] & 0xFF) >>> 4) | ((b[sc + j] & 0xFF) >>> 6) << 4;
  }

  private static int scale(ByteBuffer b, int sc, int j) {
    return j < 4
        ? b.get(sc + j) & 63
        : (b.get(sc + j + 4) & 0xF) | ((b.get(sc + j - 4) & 0xFF) >>> 6) << 4;
  }

  private static int min(ByteBuffer b, int sc, int j) {
    return j < 4
        ? b.get(sc + j + 4) & 63
        : ((b.get(sc + j + 4) & 0xFF) >>> 4) | ((b.get(sc + j) & 0xFF) >>> 6) << 4;
  }

  static void dequantizeQ4K(ByteBuffer src, int at, float[] y, int off) {
    decode(src, at, y, off, false);
  }

  static void dequantizeQ5K(ByteBuffer src, int at, float[] y, int off) {
    decode(src, at, y, off, true);
  }

  private static void decode(ByteBuffer src, int at, float[] y, int off, boolean fiveBit) {
    float d = getHalf(src, at + D);
    float min = getHalf(src, at + DMIN);
    int sc = at + SCALES;
    int qs = at + (fiveBit ? 48 : 16);
    int qh = at + Q5_QH;
    int out = off;
    for (int c = 0; c < 4; c++) {
      float d1 = d * scale(src, sc, 2 * c);
      float m1 = min * min(src, sc, 2 * c);
      float d2 = d * scale(src, sc, 2 * c + 1);
      float m2 = min * min(src, sc, 2 * c + 1);
      for (int l = 0; l < 32; l++) {
        int q = (src.get(qs + 32 * c + l) & 0xF) + (fiveBit ? highBit(src, qh + l, 2 * c) : 0);
        y[out++] = d1 * q - m1;
      }
      for (int l = 0; l < 32; l++) {
        int q =
            ((src.get(qs + 32 * c + l) & 0xFF) >>> 4)
                + (fiveBit ? highBit(src, qh + l, 2 * c + 1) : 0);
        y[out++] = d2 * q - m2;
      }
    }
  }

  private static int highBit(ByteBuffer src, int at, int bit) {
    return (src.get(at) & (1 << bit)) != 0 ? 16 : 0;
  }

  /** Per sub-block of 32: level of code q = mul·q + add, codes 0..15 (q4_k) or 0..31 (q5_k). */
  static void subBlockLevels(ByteBuffer src, int at, float[] mul, float[] add) {
    float d = getHalf(src, at + D);
    float min = getHalf(src, at + DMIN);
    for (int j = 0; j < SUBS; j++) {
      mul[j] = d * scale(src, at + SCALES, j);
      add[j] = -(min * min(src, at + SCALES, j));
    }
  }
}
