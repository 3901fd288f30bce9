package io.quantlens.quant;

/** Quantize → dequantize of a run of values with one {@link GroupParams}. */
public final class IntQuantizer {
  private IntQuantizer() {}

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
      float code = (float) Math.rint(x[i] / scale) + zp;
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
      float code = (float) Math.rint(x[i] / scale) + zp;
      float q = Math.max(qmin, Math.min(qmax, code));
      double e = (double) x[i] - (q - zp) * scale;
      sum += e * e;
    }
    return sum;
  }
}
