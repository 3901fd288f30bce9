package io.quantlens.charts;

import org.jfree.chart.plot.IntervalMarker;

/**
 * The range a scheme's levels cover, shaded behind the bars where the levels are too close to draw
 * one by one; {@link ChartStyle} gives it a faint tint of the text colour.
 */
final class LevelBand extends IntervalMarker {
  LevelBand(double lo, double hi) {
    super(lo, hi);
  }
}
