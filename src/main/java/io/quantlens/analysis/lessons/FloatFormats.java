package io.quantlens.analysis.lessons;

import io.quantlens.quant.FloatFormat;
import io.quantlens.quant.GroupParams;
import io.quantlens.quant.IntFormat;
import io.quantlens.quant.IntQuantizer;
import java.util.List;

/**
 * What lesson 4 shows of the float formats: their limits, the relative rounding error against
 * magnitude (the same everywhere in the normal range, growing in the subnormals, total past the
 * largest value), the values each can write, and INT8 against FP8 E4M3 on the same signal, each
 * scaled so that max|x| is its largest value.
 */
public final class FloatFormats {
  /** The formats the lesson compares, widest first. */
  public static final List<FloatFormat> FORMATS =
      List.of(
          FloatFormat.FP32,
          FloatFormat.FP16,
          FloatFormat.BF16,
          FloatFormat.FP8_E4M3,
          FloatFormat.FP8_E5M2);

  private FloatFormats() {}

  /**
   * A format's limits.
   *
   * @param smallestNormal 2^emin
   * @param smallestSubnormal 2^(emin − m), the step of the subnormal range
   * @param halfUlp the largest relative rounding error in the normal range, 2^−(m+1)
   */
  public record Limits(
      FloatFormat format,
      double largest,
      double smallestNormal,
      double smallestSubnormal,
      double halfUlp) {}

  public static Limits limits(FloatFormat f) {
    double smallestNormal = f.smallestNormal();
    return new Limits(
        f,
        f.maxFinite(),
        smallestNormal,
        Math.scalb(smallestNormal, -f.mantissaBits()),
        Math.pow(2, -(f.mantissaBits() + 1)));
  }

  /**
   * The largest relative error of rounding to {@code f} at magnitudes log-spaced from {@code from}
   * to {@code to}: half a unit in the last place over the magnitude, and past the largest value the
   * error of saturating to it (1 for a format that overflows to infinity); {@code [x, err]}.
   */
  public static double[][] relativeError(FloatFormat f, double from, double to, int points) {
    double[][] curve = new double[2][points];
    for (int i = 0; i < points; i++) {
      double x = from * Math.pow(to / from, (double) i / (points - 1));
      double err;
      if (f != FloatFormat.FP32 && f.clips((float) x)) {
        err = f.saturating() ? (x - f.maxFinite()) / x : 1;
      } else if (x < Math.scalb(f.smallestNormal(), -f.mantissaBits()) / 2) {
        err = 1; // rounds to zero
      } else {
        err = Math.min(1, f.ulp((float) x) / 2 / x);
      }
      curve[0][i] = x;
      curve[1][i] = err;
    }
    return curve;
  }

  /** The non-negative values {@code f} writes in [0, hi], at most {@code limit} (else none). */
  public static float[] values(FloatFormat f, float hi, int limit) {
    return f.valuesBetween(0, hi, limit);
  }

  /** SQNR of {@code x} through symmetric per-tensor INT8, scale max|x| / 127. */
  public static double int8SqnrDb(float[] x) {
    float amax = (float) BitsAndClipping.amax(x);
    float[] q = new float[x.length];
    IntQuantizer.roundTrip(x, 0, x.length, GroupParams.symmetric(new IntFormat(8), amax), q);
    return WeightNoise.of(x, q, 0, x.length).sqnrDb();
  }

  /**
   * SQNR of {@code x} scaled so that max|x| becomes {@code f}'s largest value, rounded, unscaled.
   */
  public static double scaledFloatSqnrDb(float[] x, FloatFormat f) {
    float scale = (float) (BitsAndClipping.amax(x) / f.maxFinite());
    float[] q = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      q[i] = f.round(x[i] / scale) * scale;
    }
    return WeightNoise.of(x, q, 0, x.length).sqnrDb();
  }
}
