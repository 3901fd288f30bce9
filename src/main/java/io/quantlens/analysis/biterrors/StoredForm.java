package io.quantlens.analysis.biterrors;

import io.quantlens.quant.FloatFormat;

/**
 * How a weight is held in memory for the bit-error lesson: its bits, and the value they decode to.
 * FP32 and FP16 are IEEE binary32 and binary16; INT8 and INT4 are two's-complement codes of a
 * symmetric per-tensor scale (the scale itself is assumed held safely, as a few bytes beside
 * millions).
 */
public enum StoredForm {
  FP32(32),
  FP16(16),
  INT8(8),
  INT4(4);

  private final int bits;

  StoredForm(int bits) {
    this.bits = bits;
  }

  public int bits() {
    return bits;
  }

  /** The largest code of an integer form: 127 or 7 (symmetric, so −128 and −8 are not written). */
  int maxCode() {
    return (1 << (bits - 1)) - 1;
  }

  /** The bits of {@code x}, in the low {@link #bits()} of the result. */
  long encode(float x, float scale) {
    return switch (this) {
      case FP32 -> Float.floatToRawIntBits(x) & 0xFFFFFFFFL;
      case FP16 -> halfBits(FloatFormat.FP16.round(x));
      case INT8, INT4 -> {
        long q = Math.round(Math.max(-maxCode(), Math.min(maxCode(), Math.rint(x / scale))));
        yield q & ((1L << bits) - 1);
      }
    };
  }

  /** The value the low {@link #bits()} of {@code word} decode to. */
  float decode(long word, float scale) {
    return switch (this) {
      case FP32 -> Float.intBitsToFloat((int) word);
      case FP16 -> halfValue((int) word & 0xFFFF);
      case INT8, INT4 -> {
        long sign = 1L << (bits - 1);
        long q = (word & (sign - 1)) - (word & sign); // two's complement
        yield q * scale;
      }
    };
  }

  /** binary16 bits of a value already rounded to FP16 (so every conversion here is exact). */
  static int halfBits(float x) {
    int f = Float.floatToRawIntBits(x);
    int sign = (f >>> 16) & 0x8000;
    float a = Math.abs(x);
    if (Float.isNaN(x)) {
      return sign | 0x7E00;
    }
    if (a == Float.POSITIVE_INFINITY || a > 65504f) {
      return sign | 0x7C00;
    }
    if (a < 0x1p-14f) {
      return sign | Math.round(a * 0x1p24f); // subnormal: multiples of 2^−24
    }
    int exponent = Math.getExponent(a);
    int mantissa = (Float.floatToRawIntBits(a) >>> 13) & 0x3FF;
    return sign | ((exponent + 15) << 10) | mantissa;
  }

  /** The value of binary16 bits. */
  static float halfValue(int h) {
    float sign = (h & 0x8000) != 0 ? -1f : 1f;
    int exponent = (h >>> 10) & 0x1F;
    int mantissa = h & 0x3FF;
    if (exponent == 0) {
      return sign * (mantissa * 0x1p-24f);
    }
    if (exponent == 31) {
      return mantissa == 0 ? sign * Float.POSITIVE_INFINITY : Float.NaN;
    }
    return sign * Math.scalb(1f + mantissa / 1024f, exponent - 15);
  }
}
