package io.quantlens.charts;

import java.util.Arrays;

/**
 * How a weight histogram shows a scheme's levels at the width it is drawn: as one line each while
 * neighbouring lines stay {@link #MIN_GAP_PX} apart, else as one band over the range they cover
 * (INT8's 255 lines over a few hundred pixels are a grey wash, not levels).
 *
 * @param kind lines, a band, or nothing (no levels in view)
 * @param levels the finite levels inside the view, ascending
 * @param smallestGapPx the smallest distance between neighbouring levels in view, in pixels (+∞ for
 *     fewer than two)
 */
public record LevelDrawing(Kind kind, double[] levels, double smallestGapPx) {
  /** Closer than this, two level lines read as one. */
  public static final double MIN_GAP_PX = 4;

  /** The plot width assumed when the chart's own is not known yet (an export, the first frame). */
  public static final double DEFAULT_PLOT_PX = 400;

  public enum Kind {
    NONE,
    LINES,
    BAND
  }

  public LevelDrawing {
    levels = levels.clone();
  }

  @Override
  public double[] levels() {
    return levels.clone();
  }

  /**
   * The drawing of {@code levels} on an axis from {@code viewLo} to {@code viewHi} that spans
   * {@code plotPx} pixels. Non-finite levels and levels outside the view are left out.
   */
  public static LevelDrawing of(double[] levels, double viewLo, double viewHi, double plotPx) {
    double[] shown =
        levels == null
            ? new double[0]
            : Arrays.stream(levels)
                .filter(v -> Double.isFinite(v) && v >= viewLo && v <= viewHi)
                .sorted()
                .toArray();
    if (shown.length == 0) {
      return new LevelDrawing(Kind.NONE, shown, Double.POSITIVE_INFINITY);
    }
    double smallest = Double.POSITIVE_INFINITY;
    for (int i = 1; i < shown.length; i++) {
      smallest = Math.min(smallest, shown[i] - shown[i - 1]);
    }
    double px = smallest / (viewHi - viewLo) * plotPx;
    return new LevelDrawing(px >= MIN_GAP_PX ? Kind.LINES : Kind.BAND, shown, px);
  }
}
