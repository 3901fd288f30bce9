package io.quantlens.formats.safetensors;

/**
 * Expected values of small float codes, straight from the formula of docs/numeric-rules.md#fp8 in
 * double arithmetic: exp≠0: (−1)^S·2^(e−bias)·(1+m/2^M); exp=0: (−1)^S·2^(1−bias)·m/2^M.
 */
final class Minifloats {
  private Minifloats() {}

  static float fp16(int bits) {
    return ieee(bits & 0xFFFF, 5, 10);
  }

  static float bf16(int bits) {
    return ieee(bits & 0xFFFF, 8, 7);
  }

  /** E4M3FN: no infinities; S.1111.111 is NaN, the rest of the top exponent is finite. */
  static float e4m3fn(int code) {
    if ((code & 0x7F) == 0x7F) {
      return Float.NaN;
    }
    return (float) formula(code, 4, 3);
  }

  static float e5m2(int code) {
    return ieee(code & 0xFF, 5, 2);
  }

  /** IEEE-style: the top exponent holds infinity (m = 0) and NaN. */
  private static float ieee(int code, int exponentBits, int mantissaBits) {
    int e = (code >> mantissaBits) & ((1 << exponentBits) - 1);
    int m = code & ((1 << mantissaBits) - 1);
    boolean negative = ((code >> (exponentBits + mantissaBits)) & 1) == 1;
    if (e == (1 << exponentBits) - 1) {
      if (m != 0) {
        return Float.NaN;
      }
      return negative ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
    }
    return (float) formula(code, exponentBits, mantissaBits);
  }

  private static double formula(int code, int exponentBits, int mantissaBits) {
    int bias = (1 << (exponentBits - 1)) - 1;
    int e = (code >> mantissaBits) & ((1 << exponentBits) - 1);
    int m = code & ((1 << mantissaBits) - 1);
    double fraction = (double) m / (1 << mantissaBits);
    double magnitude =
        e == 0 ? Math.pow(2, 1 - bias) * fraction : Math.pow(2, e - bias) * (1 + fraction);
    return ((code >> (exponentBits + mantissaBits)) & 1) == 1 ? -magnitude : magnitude;
  }
}
