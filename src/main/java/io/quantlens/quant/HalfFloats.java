package io.quantlens.quant;

/**
 * Conversions between float32 and the 16-bit float bit patterns files store
 * (docs/numeric-rules.md#fp16-and-bf16): to FP16 and BF16 with round to nearest even as ggml's
 * scalar path and ONNX Runtime's Cast do (subnormals kept, overflow to infinity, NaN quieted), and
 * back exactly.
 */
public final class HalfFloats {
  private HalfFloats() {}

  /**
   * fp32 → fp16 bits, round to nearest even, NaN → 0x7E00 (sign kept), overflow → ±Inf: the same
   * scaling trick as ggml-impl.h {@code ggml_compute_fp32_to_fp16}, so every case matches.
   */
  public static short toFp16(float f) {
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

  /** fp32 → bf16 bits, round to nearest even; NaN keeps its top bits with the quiet bit set. */
  public static short toBf16(float value) {
    int bits = Float.floatToRawIntBits(value);
    if ((bits & 0x7FFF_FFFF) > 0x7F80_0000) {
      return (short) ((bits >>> 16) | 0x40);
    }
    return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
  }

  /** fp16 bits → fp32 (exact; subnormals, infinities and NaN payloads kept). */
  public static float fp16ToFloat(int h) {
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

  /** bfloat16 (the top 16 bits of a float32) to float32. */
  public static float bf16ToFloat(int bits) {
    return Float.intBitsToFloat((bits & 0xFFFF) << 16);
  }
}
