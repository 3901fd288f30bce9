package io.quantlens.quant;

/**
 * Floating-point formats, converted from float32 by round-to-nearest-even with subnormals, as ONNX
 * Runtime's Cast does (FORMATS.md §4.1, §4.2). FP8 casts saturate to ±max finite (Cast's default
 * {@code saturate=1}); FP16 and BF16 overflow to ±Inf as IEEE conversion does.
 */
public enum FloatFormat implements Format {
  FP32("fp32", 32, 23, -126, Float.MAX_VALUE, false),
  FP16("fp16", 16, 10, -14, 65504f, false),
  BF16("bf16", 16, 7, -126, Float.MAX_VALUE, false),
  FP8_E4M3("fp8e4m3", 8, 3, -6, 448f, true),
  FP8_E5M2("fp8e5m2", 8, 2, -14, 57344f, true);

  private final String id;
  private final int bits;
  private final int mantissaBits;
  private final int minNormalExponent;
  private final float maxFinite;
  private final boolean saturating;
  private final int dropBits;
  private final double subnormalStep;
  private final float minNormal;

  FloatFormat(
      String id,
      int bits,
      int mantissaBits,
      int minNormalExponent,
      float maxFinite,
      boolean saturating) {
    this.id = id;
    this.bits = bits;
    this.mantissaBits = mantissaBits;
    this.minNormalExponent = minNormalExponent;
    this.maxFinite = maxFinite;
    this.saturating = saturating;
    this.dropBits = 23 - mantissaBits;
    this.subnormalStep = Math.scalb(1.0, minNormalExponent - mantissaBits);
    this.minNormal = Math.scalb(1f, minNormalExponent);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public int bits() {
    return bits;
  }

  public int mantissaBits() {
    return mantissaBits;
  }

  public float maxFinite() {
    return maxFinite;
  }

  public boolean saturating() {
    return saturating;
  }

  /** The value {@code x} takes after a round trip through this format. */
  public float round(float x) {
    if (this == FP32 || Float.isNaN(x)) {
      return x;
    }
    float r = roundUnbounded(Math.abs(x));
    if (r > maxFinite) {
      r = saturating ? maxFinite : Float.POSITIVE_INFINITY;
    }
    return Math.copySign(r, x);
  }

  /**
   * True when {@code x} is finite but rounds beyond the largest finite value (saturated or Inf).
   */
  public boolean clips(float x) {
    return this != FP32 && Float.isFinite(x) && roundUnbounded(Math.abs(x)) > maxFinite;
  }

  /** Rounds a non-negative value to the format's grid, ignoring its largest finite value. */
  float roundUnbounded(float ax) {
    if (ax == Float.POSITIVE_INFINITY) {
      return ax;
    }
    if (ax < minNormal) {
      // Subnormal range: a fixed grid; scaling by a power of two is exact in double.
      return (float) (Math.rint(ax / subnormalStep) * subnormalStep);
    }
    // Round the float32 significand to mantissaBits, ties to even; a carry bumps the exponent.
    int b = Float.floatToRawIntBits(ax);
    int half = (1 << (dropBits - 1)) - 1 + ((b >>> dropBits) & 1);
    return Float.intBitsToFloat((b + half) & -(1 << dropBits));
  }

  /**
   * The spacing of this format's values around {@code x} (one unit in the last place), the step the
   * uniform-noise prediction Δ²/12 uses.
   */
  public double ulp(float x) {
    float ax = Math.abs(x);
    if (ax < minNormal) {
      return subnormalStep;
    }
    // 2^(exponent − mantissaBits), built directly from the exponent bits (Math.scalb is slow).
    int exponent = (Float.floatToRawIntBits(ax) >>> 23) - 127;
    return Double.longBitsToDouble((long) (exponent - mantissaBits + 1023) << 52);
  }
}
