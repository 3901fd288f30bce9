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

  /** The fp16 value ggml stores for {@code f}, back as fp32. */
  static float throughHalf(float f) {
    return HalfFloats.fp16ToFloat(HalfFloats.toFp16(f) & 0xFFFF);
  }

  static void putHalf(byte[] dst, int at, float f) {
    short h = HalfFloats.toFp16(f);
    dst[at] = (byte) h;
    dst[at + 1] = (byte) (h >>> 8);
  }

  static float getHalf(java.nio.ByteBuffer src, int at) {
    return HalfFloats.fp16ToFloat((src.get(at) & 0xFF) | (src.get(at + 1) & 0xFF) << 8);
  }

  /**
   * The signed value of largest magnitude among {@code x[off .. off + n)}, the first one on ties (0
   * when all are zero): the {@code max} that q4_0, q5_0 and the k-quant searches scale by.
   */
  static float signedAbsMax(float[] x, int off, int n) {
    float amax = 0f;
    float max = 0f;
    for (int i = 0; i < n; i++) {
      float v = x[off + i];
      if (amax < Math.abs(v)) {
        amax = Math.abs(v);
        max = v;
      }
    }
    return max;
  }
}
