package io.quantlens.quant;

/** Quantize → dequantize of a run of values with one {@link GroupParams}. */
public final class IntQuantizer {
  /** 1.5·2^23: adding and subtracting it rounds a float of magnitude < 2^22 to an integer, RNE. */
  private static final float ROUNDING_MAGIC = 12582912f;

  /** Beyond ±2^22 every code is clipped anyway; bounding t keeps the rounding trick exact. */
  private static final float T_BOUND = 4194304f;

  private IntQuantizer() {}

  /** rne(x / scale) + zeroPoint, with |x / scale| bounded to 2^22 first (codes are ≤ 255). */
  private static float code(float x, float scale, float zp) {
    float t = Math.max(-T_BOUND, Math.min(T_BOUND, x / scale));
    return (t + ROUNDING_MAGIC) - ROUNDING_MAGIC + zp;
  }

  /**
   * Writes x̂ for {@code x[off..off+len)} to {@code out[off..)}.
   *
   * @return how many values fell outside the code range and were clamped
   */
  public static int roundTrip(float[] x, int off, int len, GroupParams p, float[] out) {
    final float scale = p.scale();
    final float zp = p.zeroPoint();
    final float qmin = p.qmin();
    final float qmax = p.qmax();
    int clipped = 0;
    for (int i = off, end = off + len; i < end; i++) {
      float code = code(x[i], scale, zp);
      float q = Math.max(qmin, Math.min(qmax, code));
      clipped += q != code ? 1 : 0;
      out[i] = (q - zp) * scale;
    }
    return clipped;
  }

  /** Sum of squared errors of {@link #roundTrip} without storing x̂ (for range searches). */
  public static double squaredError(float[] x, int off, int len, GroupParams p) {
    final float scale = p.scale();
    final float zp = p.zeroPoint();
    final float qmin = p.qmin();
    final float qmax = p.qmax();
    double sum = 0;
    for (int i = off, end = off + len; i < end; i++) {
      float code = code(x[i], scale, zp);
      float q = Math.max(qmin, Math.min(qmax, code));
      double e = (double) x[i] - (q - zp) * scale;
      sum += e * e;
    }
    return sum;
  }
}
