package io.quantlens.analysis.lessons;

import java.util.ArrayList;
import java.util.List;

/**
 * What lesson 2 shows: SQNR against bits with the range at the signal's largest magnitude, beside
 * the 6.02·b + 1.76 dB rule, and the clipping trade-off at fixed bits: the mean squared error
 * against the clipping ratio R / max|x|, where a smaller range refines the step for the many values
 * near 0 and pays for the few beyond it.
 */
public final class BitsAndClipping {
  /** The clipping ratios the trade-off curve is measured at, 0.02 to 1 in steps of 0.02. */
  public static final int RATIOS = 50;

  private BitsAndClipping() {}

  /** One measured point. */
  public record Point(double x, double y) {}

  /** SQNR in dB at each of {@code fromBits} … {@code toBits}, the range at max|x|. */
  public static List<Point> sqnrByBits(float[] x, int fromBits, int toBits) {
    double amax = amax(x);
    List<Point> points = new ArrayList<>();
    for (int b = fromBits; b <= toBits; b++) {
      points.add(new Point(b, StepNoise.of(x, new UniformQuantizer(b, amax)).sqnrDb()));
    }
    return points;
  }

  /** Mean squared error at each clipping ratio, for {@code bits}. */
  public static List<Point> mseByClipping(float[] x, int bits) {
    double amax = amax(x);
    List<Point> points = new ArrayList<>();
    for (int i = 1; i <= RATIOS; i++) {
      double ratio = (double) i / RATIOS;
      double rmse = StepNoise.of(x, new UniformQuantizer(bits, ratio * amax)).rmse();
      points.add(new Point(ratio, rmse * rmse));
    }
    return points;
  }

  /** The point of least error. */
  public static Point optimum(List<Point> curve) {
    Point best = curve.get(0);
    for (Point p : curve) {
      if (p.y() < best.y()) {
        best = p;
      }
    }
    return best;
  }

  /** max |x|, or 1 for a signal of zeros. */
  public static double amax(float[] x) {
    double amax = 0;
    for (float v : x) {
      amax = Math.max(amax, Math.abs(v));
    }
    return amax > 0 ? amax : 1;
  }
}
