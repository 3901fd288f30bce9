package io.quantlens.quant;

/**
 * The scalar conversions ggml's reference quantizers use, reproduced bit for bit. Java {@code
 * float} arithmetic is IEEE binary32 with no fused multiply-add, which is what the compiled
 * reference does on baseline x86-64 (a build with FMA contraction could differ at exact ties).
 */
final class GgmlRounding {
  private GgmlRounding() {}

  /**
   * ggml's {@code nearest_int}: adds 1.5·2²³ so the FPU rounds half to even, then reads the integer
   * from the mantissa bits. Valid for |f| ≤ 4194303, as in ggml (which only asserts it).
   */
  static int nearestInt(float f) {
    float biased = f + 12582912f;
    return (Float.floatToRawIntBits(biased) & 0x007fffff) - 0x00400000;
  }

  /** C's {@code roundf}: to nearest, halves away from zero (not {@link Math#round}, not rint). */
  static float roundHalfAway(float f) {
    if (!(Math.abs(f) < 8388608f)) {
      return f; // already an integer, or NaN/Inf
    }
    float r = (float) Math.floor(Math.abs(f) + 0.5);
    return Math.copySign(r, f);
  }

  /**
   * A C float-to-small-integer cast as x86 compiles it ({@code cvttss2si} to 32 bits, then the low
   * bits kept): truncation toward zero, with 0x80000000 for NaN and out-of-range values.
   */
  static int truncate(float f) {
    if (!(f > -2147483904f && f < 2147483648f)) {
      return Integer.MIN_VALUE;
    }
    return (int) f;
  }

  /**
   * fp32 → fp16 bits, round to nearest even, NaN → 0x7E00 (sign kept), overflow → ±Inf: the same
   * scaling trick as ggml-impl.h {@code ggml_compute_fp32_to_fp16}, so every case matches.
   */
  static short toHalf(float f) {
    float base = (Math.abs(f) * 0x1.0p+112f) * 0x1.0p-110f;
    int w = Float.floatToRawIntBits(f);
    int shl1 = w << 1;
    int sign = w & 0x80000000;
    int bias = shl1 & 0xFF000000;
    if (Integer.compareUnsigned(bias, 0x71000000) < 0) {
      bias = 0x71000000;
    }
    base = Float.intBitsToFloat((bias >>> 1) + 0x07800000) + base;
    int bits = Float.floatToRawIntBits(base);
    int expBits = (bits >>> 13) & 0x00007C00;
    int mantissaBits = bits & 0x00000FFF;
    int nonSign = expBits + mantissaBits;
    boolean nan = Integer.compareUnsigned(shl1, 0xFF000000) > 0;
    return (short) ((sign >>> 16) | (nan ? 0x7E00 : nonSign));
  }

  /** fp16 bits → fp32 (exact; subnormals, infinities and NaN payloads kept). */
  static float fromHalf(int h) {
    int sign = (h & 0x8000) << 16;
    int exp = (h >>> 10) & 0x1F;
    int mantissa = h & 0x3FF;
    if (exp == 0x1F) {
      return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
    }
    if (exp != 0) {
      return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mantissa << 13));
    }
    float magnitude = mantissa * 0x1.0p-24f; // subnormal: exact in fp32
    return sign != 0 ? -magnitude : magnitude;
  }

  /** The fp16 value ggml stores for {@code f}, back as fp32. */
  static float throughHalf(float f) {
    return fromHalf(toHalf(f) & 0xFFFF);
  }

  static void putHalf(byte[] dst, int at, float f) {
    short h = toHalf(f);
    dst[at] = (byte) h;
    dst[at + 1] = (byte) (h >>> 8);
  }

  static float getHalf(java.nio.ByteBuffer src, int at) {
    return fromHalf((src.get(at) & 0xFF) | (src.get(at + 1) & 0xFF) << 8);
  }
}
