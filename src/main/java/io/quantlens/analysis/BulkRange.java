package io.quantlens.analysis;

import io.quantlens.quant.Histogram;

/**
 * Where the bulk of a tensor's weights lies, read from its weight histogram: from the bin holding
 * the {@code tail} quantile to the bin holding the {@code 1 − tail} quantile, so at most {@code
 * tail} of the weights lie below {@code lo} and at most {@code tail} above {@code hi}. The ends are
 * bin edges rounded outward to float32, so "below {@code lo}" means the same for a float weight and
 * for a histogram accumulating it.
 *
 * @param lo lower end
 * @param hi upper end
 * @param narrow true when the bulk spans at most {@link #NARROW_SHARE} of the whole range: a few
 *     outliers stretch the axis and a view of the bulk alone shows its shape
 */
public record BulkRange(float lo, float hi, boolean narrow) {
  /** The share of the weights each tail may leave out: the 0.1 and 99.9 percentiles. */
  public static final double TAIL = 0.001;

  /** A bulk narrower than this share of the whole range is worth a view of its own. */
  public static final double NARROW_SHARE = 0.5;

  /** The bulk of {@code h} leaving out at most {@code tail} of its values on each side. */
  public static BulkRange of(Histogram h, double tail) {
    if (!(tail >= 0 && tail < 0.5)) {
      throw new IllegalArgumentException("tail must lie in [0, 0.5), not " + tail);
    }
    double allowed = tail * h.total();
    int first = 0;
    long below = h.underflow();
    while (first < h.bins() - 1 && below + h.count(first) <= allowed) {
      below += h.count(first++);
    }
    int last = h.bins() - 1;
    long above = h.overflow();
    while (last > first && above + h.count(last) <= allowed) {
      above += h.count(last--);
    }
    float lo = down(h.lo() + first * h.binWidth());
    float hi = up(last == h.bins() - 1 ? h.hi() : h.lo() + (last + 1) * h.binWidth());
    return new BulkRange(lo, hi, (double) hi - lo <= NARROW_SHARE * (h.hi() - h.lo()));
  }

  private static float down(double edge) {
    float f = (float) edge;
    return f > edge ? Math.nextDown(f) : f;
  }

  private static float up(double edge) {
    float f = (float) edge;
    return f < edge ? Math.nextUp(f) : f;
  }
}
