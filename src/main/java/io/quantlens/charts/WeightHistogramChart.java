package io.quantlens.charts;

import io.quantlens.quant.Histogram;
import io.quantlens.text.Messages;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;

/**
 * The weight distribution of one tensor, with what a scheme does to it: the clipping range as two
 * dashed lines and the quantization levels as thin lines.
 */
public final class WeightHistogramChart {
  private WeightHistogramChart() {}

  /** The chart at {@link LevelDrawing#DEFAULT_PLOT_PX}, over the whole histogram. */
  public static BuiltChart create(
      Messages m,
      Histogram weights,
      boolean logCount,
      double[] levels,
      double clipLo,
      double clipHi,
      String title) {
    return create(
        m, weights, logCount, levels, clipLo, clipHi, title, LevelDrawing.DEFAULT_PLOT_PX, null);
  }

  /**
   * @param weights the weight histogram
   * @param logCount a logarithmic count axis (empty bins are then not drawn)
   * @param levels the values the scheme can represent, in weight units; empty (or null) for none.
   *     Non-finite entries are ignored. Drawn as lines while they stay apart at {@code plotPx},
   *     else as a band over their range (see {@link LevelDrawing}); a note says which
   * @param clipLo lower end of the clipping range, NaN for none
   * @param clipHi upper end of the clipping range, NaN for none
   * @param title chart title, or null for none
   * @param plotPx the width the plot is drawn at, in pixels
   * @param beyond for a histogram of the bulk only, the note on the weights it leaves out (their
   *     count is the histogram's underflow and overflow); null for a whole-range histogram
   */
  public static BuiltChart create(
      Messages m,
      Histogram weights,
      boolean logCount,
      double[] levels,
      double clipLo,
      double clipHi,
      String title,
      double plotPx,
      String beyond) {
    return create(
        m,
        weights,
        logCount,
        levels,
        clipLo,
        clipHi,
        title,
        plotPx,
        beyond,
        "weights",
        m.get("chart.weight"));
  }

  /** As above, of values named {@code key} (CSV and legend) along an axis named {@code xLabel}. */
  static BuiltChart create(
      Messages m,
      Histogram weights,
      boolean logCount,
      double[] levels,
      double clipLo,
      double clipHi,
      String title,
      double plotPx,
      String beyond,
      String key,
      String xLabel) {
    // A bulk view keeps to its bins: clip lines far outside would stretch the axis again.
    boolean bulk = beyond != null;
    XYPlot plot =
        HistogramPlot.create(
            m,
            weights,
            logCount,
            key,
            xLabel,
            bulk ? Double.NaN : clipLo,
            bulk ? Double.NaN : clipHi);
    List<String> notes = new ArrayList<>();
    double viewLo = plot.getDomainAxis().getLowerBound();
    double viewHi = plot.getDomainAxis().getUpperBound();
    LevelDrawing drawing = LevelDrawing.of(levels, viewLo, viewHi, plotPx);
    double[] shown = drawing.levels();
    if (drawing.kind() == LevelDrawing.Kind.LINES) {
      for (double level : shown) {
        plot.addDomainMarker(
            0, new RoleMarker(level, RoleMarker.Role.LEVEL), Layer.FOREGROUND, false);
      }
      notes.add(m.get("chart.levelLines", shown.length));
    } else if (drawing.kind() == LevelDrawing.Kind.BAND) {
      plot.addDomainMarker(
          0, new LevelBand(shown[0], shown[shown.length - 1]), Layer.BACKGROUND, false);
      notes.add(
          m.get(
              "chart.levelBand",
              m.numbers().count(shown.length),
              m.numbers().format("%.1f", drawing.smallestGapPx())));
    }
    if (bulk) {
      notes.add(beyond);
      // Clip lines show only where they fall inside the bulk (a percentile clip, say).
      clipLo = clipLo >= viewLo && clipLo <= viewHi ? clipLo : Double.NaN;
      clipHi = clipHi >= viewLo && clipHi <= viewHi ? clipHi : Double.NaN;
    }
    boolean clipped = false;
    if (Double.isFinite(clipLo)) {
      plot.addDomainMarker(0, clipMarker(m, clipLo, true), Layer.FOREGROUND, false);
      clipped = true;
    }
    if (Double.isFinite(clipHi)) {
      plot.addDomainMarker(0, clipMarker(m, clipHi, false), Layer.FOREGROUND, false);
      clipped = true;
    }
    if (clipped) {
      notes.add(m.get("chart.clipDashed"));
    }
    if (!bulk) {
      // A bulk view's own note counts the weights beyond it.
      notes.addAll(HistogramPlot.outOfRangeNotes(m, weights));
    }

    JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE_FONT, plot, false);
    if (!notes.isEmpty()) {
      chart.addSubtitle(new TextTitle(String.join(" · ", notes)));
    }
    ChartStyle.LIGHT.apply(chart);
    return new BuiltChart(chart, HistogramPlot.table(weights));
  }

  private static RoleMarker clipMarker(Messages m, double value, boolean lower) {
    return RoleMarker.clip(value, lower, m.get("chart.clip", m.numbers().four(value)));
  }
}
