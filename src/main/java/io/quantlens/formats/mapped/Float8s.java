package io.quantlens.formats.mapped;

/**
 * Decodes the two FP8 formats of docs/numeric-rules.md#fp8 exactly. E4M3FN (bias 7) has no
 * infinities and only two NaN codes, {@code 0x7F} and {@code 0xFF}; E5M2 (bias 15) follows IEEE
 * rules, with infinities and NaNs in its top exponent.
 */
public final class Float8s {
  private static final float[] E4M3FN = table(4, 3, false);
  private static final float[] E5M2 = table(5, 2, true);

  private Float8s() {}

  /** The float32 value of an E4M3FN code (the low 8 bits of {@code code}). */
  public static float e4m3fnToFloat(int code) {
    return E4M3FN[code & 0xFF];
  }

  /** The float32 value of an E5M2 code (the low 8 bits of {@code code}). */
  public static float e5m2ToFloat(int code) {
    return E5M2[code & 0xFF];
  }

  /** All 256 values of one format; every value is exact in float32. */
  private static float[] table(int exponentBits, int mantissaBits, boolean ieeeSpecials) {
    int bias = (1 << (exponentBits - 1)) - 1;
    int maxExponent = (1 << exponentBits) - 1;
    int maxMantissa = (1 << mantissaBits) - 1;
    float[] values = new float[256];
    for (int code = 0; code < 256; code++) {
      boolean negative = (code & 0x80) != 0;
      int exponent = (code >> mantissaBits) & maxExponent;
      int mantissa = code & maxMantissa;
      float magnitude;
      if (ieeeSpecials && exponent == maxExponent) {
        magnitude = mantissa == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
      } else if (!ieeeSpecials && exponent == maxExponent && mantissa == maxMantissa) {
        magnitude = Float.NaN;
      } else if (exponent == 0) {
        magnitude = Math.scalb((float) mantissa, 1 - bias - mantissaBits);
      } else {
        magnitude =
            Math.scalb((float) (mantissa + (1 << mantissaBits)), exponent - bias - mantissaBits);
      }
      values[code] = negative ? -magnitude : magnitude;
    }
    return values;
  }
}
