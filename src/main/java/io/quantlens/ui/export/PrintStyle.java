package io.quantlens.ui.export;

import io.quantlens.charts.ChartStyle;
import java.util.function.Function;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.title.TextTitle;

/**
 * Draws a chart as a paper or slide gets it: in {@link ChartStyle#LIGHT} whatever the screen's
 * theme, with a line under its title naming the model and layer.
 *
 * <p>The chart is restyled for the drawing and styled back before the FX thread draws the window
 * again, with change events held until then: the screen never shows the print style. (A clone of
 * the chart would be simpler but JFreeChart cannot clone renderers whose tooltips are lambdas.)
 */
final class PrintStyle {
  private PrintStyle() {}

  /**
   * Returns what {@code draw} makes of {@code chart} in the print style (at the usual type size);
   * the chart ends in {@code screen} at {@code screenScale}. Call on the thread that owns the
   * chart: the FX thread for a chart on screen.
   */
  static <T> T drawn(
      JFreeChart chart,
      ChartSubject subject,
      ChartStyle screen,
      float screenScale,
      Function<JFreeChart, T> draw) {
    boolean notify = chart.isNotify();
    chart.setNotify(false);
    TextTitle caption = subject.caption().isEmpty() ? null : new TextTitle(subject.caption());
    try {
      if (caption != null) {
        chart.addSubtitle(0, caption);
      }
      ChartStyle.LIGHT.apply(chart);
      return draw.apply(chart);
    } finally {
      if (caption != null) {
        chart.removeSubtitle(caption);
      }
      screen.apply(chart, screenScale);
      chart.setNotify(notify);
    }
  }
}
