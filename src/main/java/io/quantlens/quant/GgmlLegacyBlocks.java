package io.quantlens.quant;

import static io.quantlens.quant.GgmlRounding.getHalf;
import static io.quantlens.quant.GgmlRounding.putHalf;

import java.nio.ByteBuffer;

/**
 * ggml's 32-weight blocks q8_0, q4_0, q4_1, q5_0 and q5_1 (ggml-quants.c {@code
 * quantize_row_q*_ref}, {@code dequantize_row_q*}; layouts in
 * docs/file-formats.md#ggml-block-layouts, rules in docs/numeric-rules.md#ggml-block-formats). The
 * scale is computed and applied in fp32; only the stored copy is rounded to fp16.
 */
final class GgmlLegacyBlocks {
  static final int QK = 32;
  private static final int HALF = QK / 2;

  private GgmlLegacyBlocks() {}

  /** {d: f16, qs: i8[32]}; codes = roundf(x / d), halves away from zero. */
  static void quantizeQ8_0(float[] x, int off, byte[] dst, int at) {
    float amax = 0f;
    for (int j = 0; j < QK; j++) {
      amax = Math.max(amax, Math.abs(x[off + j]));
    }
    float d = amax / 127;
    float id = d != 0f ? 1.0f / d : 0.0f;
    putHalf(dst, at, d);
    for (int j = 0; j < QK; j++) {
      dst[at + 2 + j] = (byte) GgmlRounding.truncate(GgmlRounding.roundHalfAway(x[off + j] * id));
    }
  }

  static void dequantizeQ8_0(ByteBuffer src, int at, float[] y, int off) {
    float d = getHalf(src, at);
    for (int j = 0; j < QK; j++) {
      y[off + j] = src.get(at + 2 + j) * d;
    }
  }

  /** {d: f16, qs: u8[16]}; d = max / −8, so the extreme value gets code 0. */
  static void quantizeQ4_0(float[] x, int off, byte[] dst, int at) {
    float d = GgmlRounding.signedAbsMax(x, off, QK) / -8;
    float id = d != 0f ? 1.0f / d : 0.0f;
    putHalf(dst, at, d);
    for (int j = 0; j < HALF; j++) {
      // Two roundings (x·id, then +8.5f): kept apart as in the scalar reference build.
      int lo = Math.min(15, (byte) GgmlRounding.truncate(x[off + j] * id + 8.5f));
      int hi = Math.min(15, (byte) GgmlRounding.truncate(x[off + HALF + j] * id + 8.5f));
      dst[at + 2 + j] = (byte) ((lo & 0xFF) | (hi & 0xFF) << 4);
    }
  }

  static void dequantizeQ4_0(ByteBuffer src, int at, float[] y, int off) {
    float d = getHalf(src, at);
    for (int j = 0; j < HALF; j++) {
      int q = src.get(at + 2 + j) & 0xFF;
      y[off + j] = ((q & 0x0F) - 8) * d;
      y[off + HALF + j] = ((q >>> 4) - 8) * d;
    }
  }

  /** {d: f16, m: f16, qs: u8[16]}; d = (max − min) / 15 and codes count steps above min. */
  static void quantizeQ4_1(float[] x, int off, byte[] dst, int at) {
    float min = Float.MAX_VALUE;
    float max = -Float.MAX_VALUE;
    for (int j = 0; j < QK; j++) {
      float v = x[off + j];
      if (v < min) {
        min = v;
      }
      if (v > max) {
        max = v;
      }
    }
    float d = (max - min) / 15;
    float id = d != 0f ? 1.0f / d : 0.0f;
    putHalf(dst, at, d);
    putHalf(dst, at + 2, min);
    for (int j = 0; j < HALF; j++) {
      int lo = Math.min(15, (byte) GgmlRounding.truncate((x[off + j] - min) * id + 0.5f));
      int hi = Math.min(15, (byte) GgmlRounding.truncate((x[off + HALF + j] - min) * id + 0.5f));
      dst[at + 4 + j] = (byte) ((lo & 0xFF) | (hi & 0xFF) << 4);
    }
  }

  static void dequantizeQ4_1(ByteBuffer src, int at, float[] y, int off) {
    float d = getHalf(src, at);
    float m = getHalf(src, at + 2);
    for (int j = 0; j < HALF; j++) {
      int q = src.get(at + 4 + j) & 0xFF;
      y[off + j] = (q & 0x0F) * d + m;
      y[off + HALF + j] = (q >>> 4) * d + m;
    }
  }

  /** {d: f16, qh: u32 LE (bit 4 of each code), qs: u8[16]}; d = max / −16. */
  static void quantizeQ5_0(float[] x, int off, byte[] dst, int at) {
    float d = GgmlRounding.signedAbsMax(x, off, QK) / -16;
    float id = d != 0f ? 1.0f / d : 0.0f;
    putHalf(dst, at, d);
    int qh = 0;
    for (int j = 0; j < HALF; j++) {
      int lo = Math.min(31, (byte) GgmlRounding.truncate(x[off + j] * id + 16.5f)) & 0xFF;
      int hi = Math.min(31, (byte) GgmlRounding.truncate(x[off + HALF + j] * id + 16.5f)) & 0xFF;
      dst[at + 6 + j] = (byte) ((lo & 0x0F) | (hi & 0x0F) << 4);
      qh |= ((lo & 0x10) >>> 4) << j;
      qh |= ((hi & 0x10) >>> 4) << (j + HALF);
    }
    putInt(dst, at + 2, qh);
  }

  static void dequantizeQ5_0(ByteBuffer src, int at, float[] y, int off) {
    float d = getHalf(src, at);
    int qh = getInt(src, at + 2);
    for (int j = 0; j < HALF; j++) {
      int q = src.get(at + 6 + j) & 0xFF;
      int lo = ((q & 0x0F) | ((qh >>> j) << 4) & 0x10) - 16;
      int hi = ((q >>> 4) | (qh >>> (j + 12)) & 0x10) - 16;
      y[off + j] = lo * d;
      y[off + HALF + j] = hi * d;
    }
  }

  /** {d: f16, m: f16, qh: u32 LE, qs: u8[16]}; d = (max − min) / 31, codes not clamped. */
  static void quantizeQ5_1(float[] x, int off, byte[] dst, int at) {
    float min = Float.MAX_VALUE;
    float max = -Float.MAX_VALUE;
    for (int j = 0; j < QK; j++) {
      float v = x[off + j];
      if (v < min) {
        min = v;
      }
      if (v > max) {
        max = v;
      }
    }
    float d = (max - min) / 31;
    float id = d != 0f ? 1.0f / d : 0.0f;
    putHalf(dst, at, d);
    putHalf(dst, at + 2, min);
    int qh = 0;
    for (int j = 0; j < HALF; j++) {
      int lo = GgmlRounding.truncate((x[off + j] - min) * id + 0.5f) & 0xFF;
      int hi = GgmlRounding.truncate((x[off + HALF + j] - min) * id + 0.5f) & 0xFF;
      dst[at + 8 + j] = (byte) ((lo & 0x0F) | (hi & 0x0F) << 4);
      qh |= ((lo & 0x10) >>> 4) << j;
      qh |= ((hi & 0x10) >>> 4) << (j + HALF);
    }
    putInt(dst, at + 4, qh);
  }

  static void dequantizeQ5_1(ByteBuffer src, int at, float[] y, int off) {
    float d = getHalf(src, at);
    float m = getHalf(src, at + 2);
    int qh = getInt(src, at + 4);
    for (int j = 0; j < HALF; j++) {
      int q = src.get(at + 8 + j) & 0xFF;
      int lo = (q & 0x0F) | ((qh >>> j) << 4) & 0x10;
      int hi = (q >>> 4) | (qh >>> (j + 12)) & 0x10;
      y[off + j] = lo * d + m;
      y[off + HALF + j] = hi * d + m;
    }
  }

  private static void putInt(byte[] dst, int at, int v) {
    for (int b = 0; b < 4; b++) {
      dst[at + b] = (byte) (v >>> (8 * b));
    }
  }

  private static int getInt(ByteBuffer src, int at) {
    int v = 0;
    for (int b = 0; b < 4; b++) {
      v |= (src.get(at + b) & 0xFF) << (8 * b);
    }
    return v;
  }
}
