package io.quantlens.quant;

/**
 * Floating-point formats, converted from float32 by round-to-nearest-even with subnormals, as ONNX
 * Runtime's Cast does (docs/numeric-rules.md#float-casts). FP8 casts saturate to ±max finite
 * (Cast's default {@code saturate=1}); FP16 and BF16 overflow to ±Inf as IEEE conversion does.
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
  private final float maxFinite;
  private final boolean saturating;
  private final int dropBits;
  private final double subnormalStep;
  private final float inverseSubnormalStep;
  private final float minNormal;
  private final int minNormalExponent;

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
    this.maxFinite = maxFinite;
    this.saturating = saturating;
    this.dropBits = 23 - mantissaBits;
    this.minNormalExponent = minNormalExponent;
    this.subnormalStep = Math.scalb(1.0, minNormalExponent - mantissaBits);
    this.inverseSubnormalStep = (float) Math.scalb(1.0, mantissaBits - minNormalExponent);
    // BF16 shares float32's exponent range: its subnormals are float32 subnormals whose low 16 bits
    // are zero, which the bit rounding handles, so it needs no separate subnormal grid.
    this.minNormal = minNormalExponent <= -126 ? 0f : Math.scalb(1f, minNormalExponent);
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

  /** The smallest normal value, 2^emin; below it the subnormals step by 2^(emin − m). */
  public double smallestNormal() {
    return Math.scalb(1.0, minNormalExponent);
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

  /**
   * Rounds a non-negative value to the format's grid, ignoring its largest finite value. Both the
   * normal and the subnormal rounding are computed and one is selected, which keeps the loop free
   * of unpredictable branches (a third of typical weights are subnormal in FP8 E4M3).
   */
  float roundUnbounded(float ax) {
    // Normal range: round the float32 significand to mantissaBits, ties to even; a carry bumps the
    // exponent, and +Inf stays +Inf.
    int b = Float.floatToRawIntBits(ax);
    int half = (1 << (dropBits - 1)) - 1 + ((b >>> dropBits) & 1);
    float normal = Float.intBitsToFloat((b + half) & -(1 << dropBits));
    // Subnormal range: a fixed grid of step 2^(emin − m); scaling by powers of two is exact and
    // |ax / step| < 2^mantissaBits, so adding and subtracting 1.5·2^23 rounds it half to even.
    float steps = ax * inverseSubnormalStep;
    float subnormal = ((steps + 12582912f) - 12582912f) * (float) subnormalStep;
    return ax < minNormal ? subnormal : normal;
  }

  /**
   * The next value of this format above {@code x}, for {@code x} a non-negative value of the format
   * (the result may lie beyond {@link #maxFinite}).
   */
  public float nextUp(float x) {
    if (x < minNormal) {
      // FP16 / FP8 subnormals: a fixed grid, exact in float32.
      return (float) (x + subnormalStep);
    }
    // Elsewhere the format's values are float32 values with the low dropBits bits zero; adding one
    // unit there steps to the next value, carrying into the exponent at a binade's end.
    return Float.intBitsToFloat(Float.floatToRawIntBits(x) + (1 << dropBits));
  }

  /**
   * The finite values of this format in {@code [lo, hi]}, ascending, or an empty array when there
   * are more than {@code limit} of them. Zero appears once (as +0).
   */
  public float[] valuesBetween(float lo, float hi, int limit) {
    if (!(lo <= hi)) {
      return new float[0];
    }
    float[] negative = lo < 0 ? magnitudes(Math.max(0f, -hi), -lo, limit) : new float[0];
    float[] positive = hi >= 0 ? magnitudes(Math.max(0f, lo), hi, limit) : new float[0];
    if (negative == null || positive == null) {
      return new float[0];
    }
    int skipZero = negative.length > 0 && negative[0] == 0 ? 1 : 0;
    int n = negative.length - skipZero + positive.length;
    if (n > limit) {
      return new float[0];
    }
    float[] values = new float[n];
    for (int i = skipZero; i < negative.length; i++) {
      values[negative.length - 1 - i] = -negative[i];
    }
    System.arraycopy(positive, 0, values, negative.length - skipZero, positive.length);
    return values;
  }

  /** Finite values in [a, b] for 0 ≤ a ≤ b, ascending; null when more than {@code limit}. */
  private float[] magnitudes(float a, float b, int limit) {
    float[] found = new float[limit + 1];
    int n = 0;
    float v = round(a);
    if (v < a) {
      v = nextUp(v);
    }
    while (v <= b && v <= maxFinite) {
      if (n == found.length) {
        return null;
      }
      found[n++] = v;
      v = nextUp(v);
    }
    return java.util.Arrays.copyOf(found, n);
  }

  /**
   * The spacing of this format's values around {@code x} (one unit in the last place), the step the
   * uniform-noise prediction Δ²/12 uses.
   */
  public double ulp(float x) {
    float ax = Math.abs(x);
    // 2^(exponent − mantissaBits), built directly from the exponent bits (Math.scalb is slow).
    int exponent = (Float.floatToRawIntBits(ax) >>> 23) - 127;
    double normal = Double.longBitsToDouble((long) (exponent - mantissaBits + 1023) << 52);
    return ax < minNormal ? subnormalStep : normal;
  }
}
