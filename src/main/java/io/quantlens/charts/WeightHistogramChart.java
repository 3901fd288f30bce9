package io.quantlens.charts;

import io.quantlens.quant.Histogram;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;

/**
 * The weight distribution of one tensor, with what a scheme does to it: the clipping range as two
 * dashed lines and the quantization levels as thin lines.
 */
public final class WeightHistogramChart {
  /**
   * The most levels drawn as lines; INT8's 256 still show as a dense comb, more would only grey the
   * plot.
   */
  public static final int MAX_LEVEL_LINES = 256;

  private WeightHistogramChart() {}

  /**
   * @param weights the weight histogram
   * @param logCount a logarithmic count axis (empty bins are then not drawn)
   * @param levels the values the scheme can represent, in weight units; empty (or null) for none.
   *     Non-finite entries are ignored; if more than {@link #MAX_LEVEL_LINES} remain none are drawn
   *     and a note says so
   * @param clipLo lower end of the clipping range, NaN for none
   * @param clipHi upper end of the clipping range, NaN for none
   * @param title chart title, or null for none
   */
  public static BuiltChart create(
      Histogram weights,
      boolean logCount,
      double[] levels,
      double clipLo,
      double clipHi,
      String title) {
    XYPlot plot = HistogramPlot.create(weights, logCount, "weights", "weight", clipLo, clipHi);
    List<String> notes = new ArrayList<>();

    double[] finiteLevels =
        levels == null ? new double[0] : Arrays.stream(levels).filter(Double::isFinite).toArray();
    if (finiteLevels.length > MAX_LEVEL_LINES) {
      notes.add(
          String.format(
              Locale.ROOT,
              "%,d quantization levels: too dense to draw (lines shown up to %d)",
              finiteLevels.length,
              MAX_LEVEL_LINES));
    } else if (finiteLevels.length > 0) {
      for (double level : finiteLevels) {
        plot.addDomainMarker(
            0, new RoleMarker(level, RoleMarker.Role.LEVEL), Layer.FOREGROUND, false);
      }
      notes.add(
          finiteLevels.length
              + " quantization level"
              + (finiteLevels.length == 1 ? "" : "s")
              + " as thin lines");
    }
    boolean clipped = false;
    if (Double.isFinite(clipLo)) {
      plot.addDomainMarker(0, clipMarker(clipLo, true), Layer.FOREGROUND, false);
      clipped = true;
    }
    if (Double.isFinite(clipHi)) {
      plot.addDomainMarker(0, clipMarker(clipHi, false), Layer.FOREGROUND, false);
      clipped = true;
    }
    if (clipped) {
      notes.add("clipping range dashed");
    }
    notes.addAll(HistogramPlot.outOfRangeNotes(weights));

    JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE_FONT, plot, false);
    if (!notes.isEmpty()) {
      chart.addSubtitle(new TextTitle(String.join(" · ", notes)));
    }
    ChartStyle.LIGHT.apply(chart);
    return new BuiltChart(chart, HistogramPlot.table(weights));
  }

  /**
   * A labelled clipping marker. Labels sit inside the clipping range (to the right of the lower
   * line, to the left of the upper) so they are never cut off by the plot edge.
   */
  private static RoleMarker clipMarker(double value, boolean lower) {
    RoleMarker m = new RoleMarker(value, RoleMarker.Role.CLIP);
    m.setLabel("clip " + HistogramPlot.format(value));
    m.setLabelAnchor(lower ? RectangleAnchor.TOP_RIGHT : RectangleAnchor.TOP_LEFT);
    m.setLabelTextAnchor(lower ? TextAnchor.TOP_LEFT : TextAnchor.TOP_RIGHT);
    m.setLabelOffset(new RectangleInsets(4, 4, 4, 4));
    return m;
  }
}
