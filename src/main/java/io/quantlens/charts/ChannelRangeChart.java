package io.quantlens.charts;

import io.quantlens.text.Messages;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * The range of an activation in each channel, as one bar from the channel's min to its max, with
 * the outlier threshold (a multiple of the median channel's max |x|) dashed on both sides and the
 * largest outlier channels named: a few channels far beyond the rest is what makes one per-tensor
 * scale waste most of its codes.
 */
public final class ChannelRangeChart {
  /** At most this many outlier channels are named on the chart. */
  private static final int NAMED = 5;

  private ChannelRangeChart() {}

  /**
   * @param min each channel's smallest value
   * @param max each channel's largest value
   * @param threshold a channel whose max |x| reaches this is an outlier; NaN for none
   * @param outliers the outlier channels, largest first
   * @param title chart title, or null
   */
  public static BuiltChart create(
      Messages m,
      float[] min,
      float[] max,
      double threshold,
      List<Integer> outliers,
      String title) {
    if (min.length != max.length) {
      throw new IllegalArgumentException(min.length + " minima but " + max.length + " maxima");
    }
    XYIntervalSeries ranges = new XYIntervalSeries("range", false, true);
    for (int c = 0; c < min.length; c++) {
      ranges.add(c, c - 0.45, c + 0.45, (min[c] + max[c]) / 2.0, min[c], max[c]);
    }
    XYIntervalSeriesCollection dataset = new XYIntervalSeriesCollection();
    dataset.addSeries(ranges);
    NumberAxis channels = LocalTickUnits.integerAxis(m.get("chart.channel"), m.numbers().locale());
    channels.setAutoRangeIncludesZero(false);
    if (min.length > 0) {
      channels.setRange(-1, min.length);
    }
    NumberAxis values = LocalTickUnits.axis(m.get("chart.activationValue"), m.numbers().locale());
    values.setAutoRangeIncludesZero(true);
    XYBarRenderer bars = new XYBarRenderer(0);
    bars.setUseYInterval(true);
    bars.setDefaultToolTipGenerator(
        (data, series, item) ->
            m.get(
                "chart.channelRange",
                String.valueOf(item),
                m.numbers().four(min[item]),
                m.numbers().four(max[item])));
    XYPlot plot = new XYPlot(dataset, channels, values, bars);
    plot.setDomainGridlinesVisible(false);
    plot.setNoDataMessage(m.get("chart.noChannels"));
    List<String> notes = new ArrayList<>();
    if (Double.isFinite(threshold) && threshold > 0) {
      // The lower line only where some channel goes negative (not after a ReLU).
      boolean negative = min(min) < 0;
      for (double at : negative ? new double[] {threshold, -threshold} : new double[] {threshold}) {
        RoleMarker line = new RoleMarker(at, RoleMarker.Role.CLIP);
        if (at > 0) {
          line.setLabel(m.get("chart.outlierThreshold", m.numbers().four(threshold)));
          line.setLabelAnchor(RectangleAnchor.BOTTOM_LEFT);
          line.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        }
        plot.addRangeMarker(0, line, Layer.FOREGROUND, false);
      }
      // The threshold lines stay in view even when no channel reaches them.
      values.setAutoRangeIncludesZero(true);
      double top = Math.max(threshold * 1.1, max(max));
      double bottom = negative ? Math.min(-threshold * 1.1, min(min)) : -0.05 * top;
      values.setRange(bottom, top);
    }
    for (int i = 0; i < Math.min(NAMED, outliers.size()); i++) {
      int c = outliers.get(i);
      boolean up = Math.abs(max[c]) >= Math.abs(min[c]);
      XYTextAnnotation name =
          new XYTextAnnotation(
              m.get("chart.channelShort", String.valueOf(c)), c, up ? max[c] : min[c]);
      name.setTextAnchor(up ? TextAnchor.BOTTOM_CENTER : TextAnchor.TOP_CENTER);
      name.setFont(ChartStyle.NOTE_FONT);
      plot.addAnnotation(name, false);
    }
    notes.add(
        outliers.isEmpty()
            ? m.get("chart.noOutlier")
            : m.get("chart.outliers", outliers.size(), m.numbers().count(min.length)));
    JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE_FONT, plot, false);
    chart.addSubtitle(new TextTitle(String.join(" · ", notes)));
    ChartStyle.LIGHT.apply(chart);
    long[] index = new long[min.length];
    boolean[] flagged = new boolean[min.length];
    outliers.forEach(c -> flagged[c] = true);
    String[] outlier = new String[min.length];
    for (int c = 0; c < min.length; c++) {
      index[c] = c;
      outlier[c] = flagged[c] ? "yes" : "no";
    }
    return new BuiltChart(
        chart,
        new ChartTable(
            List.of("channel", "min", "max", "outlier"),
            List.of(
                new ChartTable.Longs(index),
                new ChartTable.Floats(min),
                new ChartTable.Floats(max),
                new ChartTable.Texts(List.of(outlier)))));
  }

  private static double max(float[] v) {
    double m = 0;
    for (float x : v) {
      m = Math.max(m, x);
    }
    return m;
  }

  private static double min(float[] v) {
    double m = 0;
    for (float x : v) {
      m = Math.min(m, x);
    }
    return m;
  }
}
