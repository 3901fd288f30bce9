package io.quantlens.charts;

import io.quantlens.quant.Histogram;
import io.quantlens.text.Messages;

/**
 * One layer's input activation over the calibration samples, with the range its static scheme was
 * calibrated to as two dashed lines and the scheme's levels as thin lines (or a band when they sit
 * closer than a few pixels).
 */
public final class ActivationHistogramChart {
  private ActivationHistogramChart() {}

  /**
   * @param values the activation's histogram over its observed range
   * @param levels the values the scheme writes; empty for dynamic and float schemes
   * @param calibratedLo lower end of the calibrated range, NaN for none
   * @param calibratedHi upper end of the calibrated range, NaN for none
   * @param title chart title, or null
   * @param plotPx the width the plot is drawn at, in pixels
   */
  public static BuiltChart create(
      Messages m,
      Histogram values,
      boolean logCount,
      double[] levels,
      double calibratedLo,
      double calibratedHi,
      String title,
      double plotPx) {
    return WeightHistogramChart.create(
        m,
        values,
        logCount,
        levels,
        calibratedLo,
        calibratedHi,
        title,
        plotPx,
        null,
        "activations",
        m.get("chart.activationValue"));
  }
}
