package io.quantlens.quant;

/** Quantize → dequantize of a run of values with one {@link GroupParams}. */
public final class IntQuantizer {
  /** 1.5·2^23: adding and subtracting it rounds a float of magnitude < 2^22 to an integer, RNE. */
  private static final float ROUNDING_MAGIC = 12582912f;

  private IntQuantizer() {}

  /**
   * Writes x̂ for {@code x[off..off+len)} to {@code out[off..)}.
   *
   * <p>Clamping x / scale to [qmin − zp, qmax − zp] before rounding gives the same codes as
   * clamping after it (the bounds are integers, fixed points of rounding), and (q − zp)·scale is
   * computed from the same small integer q − zp, so x̂ equals DequantizeLinear's bit for bit. This
   * form has no branches and lets the JIT vectorise the loop; clipping is counted in a second loop.
   *
   * @return how many values fell outside the code range and were clamped
   */
  public static int roundTrip(float[] x, int off, int len, GroupParams p, float[] out) {
    return roundTrip(x, off, len, p, out, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
  }

  /**
   * As {@link #roundTrip(float[], int, int, GroupParams, float[])} for values known to lie in [min,
   * max]; when neither bound can clip, no value can, and the clipping count is skipped.
   */
  public static int roundTrip(
      float[] x, int off, int len, GroupParams p, float[] out, float min, float max) {
    final float scale = p.scale();
    final float lo = p.qmin() - p.zeroPoint();
    final float hi = p.qmax() - p.zeroPoint();
    int end = off + len;
    for (int i = off; i < end; i++) {
      float t = Math.max(lo, Math.min(hi, x[i] / scale));
      out[i] = ((t + ROUNDING_MAGIC) - ROUNDING_MAGIC) * scale;
    }
    // A code is clipped when rne(t) falls outside [lo, hi]: beyond half a step, or exactly half a
    // step out where round-half-to-even moves away from an odd bound.
    final float below = lo - 0.5f;
    final float above = hi + 0.5f;
    if (min / scale > below && max / scale < above) {
      return 0; // division by a positive scale is monotonic: every x / scale lies in between
    }
    final boolean tieBelowClips = ((int) lo & 1) != 0;
    final boolean tieAboveClips = ((int) hi & 1) != 0;
    int clipped = 0;
    for (int i = off; i < end; i++) {
      float t = x[i] / scale;
      if (t <= below || t >= above) {
        clipped += (t < below || t > above || (t == below ? tieBelowClips : tieAboveClips)) ? 1 : 0;
      }
    }
    return clipped;
  }

  /** Sum of squared errors of {@link #roundTrip} without storing x̂ (for range searches). */
  public static double squaredError(float[] x, int off, int len, GroupParams p) {
    final float scale = p.scale();
    final float lo = p.qmin() - p.zeroPoint();
    final float hi = p.qmax() - p.zeroPoint();
    double sum = 0;
    for (int i = off, end = off + len; i < end; i++) {
      float t = Math.max(lo, Math.min(hi, x[i] / scale));
      double e = (double) x[i] - ((t + ROUNDING_MAGIC) - ROUNDING_MAGIC) * scale;
      sum += e * e;
    }
    return sum;
  }
}
