package io.quantlens.charts;

import java.util.function.IntToDoubleFunction;
import org.jfree.data.xy.XYSeries;

/**
 * Down-sampling for drawing: at most {@code maxPoints} points that keep the shape of a long series.
 * Short series are drawn point for point. Long ones are cut into {@code maxPoints / 2} buckets of
 * consecutive indices and each bucket keeps its smallest and its largest finite value, in index
 * order, so a line through them traces the min–max envelope and no spike is lost. Non-finite values
 * are never drawn.
 */
final class Envelope {
  private Envelope() {}

  static XYSeries of(String key, int n, IntToDoubleFunction value, int maxPoints) {
    if (maxPoints < 2) {
      throw new IllegalArgumentException("an envelope needs at least 2 points: " + maxPoints);
    }
    XYSeries series = new XYSeries(key, false, true);
    if (n <= maxPoints) {
      for (int i = 0; i < n; i++) {
        double v = value.applyAsDouble(i);
        if (Double.isFinite(v)) {
          series.add(i, v, false);
        }
      }
      return series;
    }
    int buckets = maxPoints / 2;
    for (int b = 0; b < buckets; b++) {
      int start = (int) ((long) b * n / buckets);
      int end = (int) ((long) (b + 1) * n / buckets);
      int minAt = -1;
      int maxAt = -1;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = start; i < end; i++) {
        double v = value.applyAsDouble(i);
        if (!Double.isFinite(v)) {
          continue;
        }
        if (v < min) {
          min = v;
          minAt = i;
        }
        if (v > max) {
          max = v;
          maxAt = i;
        }
      }
      if (minAt < 0) {
        continue;
      }
      if (minAt == maxAt) {
        series.add(minAt, min, false);
      } else if (minAt < maxAt) {
        series.add(minAt, min, false);
        series.add(maxAt, max, false);
      } else {
        series.add(maxAt, max, false);
        series.add(minAt, min, false);
      }
    }
    return series;
  }
}
