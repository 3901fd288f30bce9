package io.quantlens.charts;

import io.quantlens.text.Messages;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;
import java.util.function.IntToDoubleFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.XYToolTipGenerator;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Scale and SQNR of every scale group (channel or block) of one tensor: two stacked plots sharing
 * the group-index axis. Long tensors are drawn as a min–max envelope of at most {@link #MAX_POINTS}
 * points per plot; the table keeps every group.
 */
public final class ChannelStripChart {
  /** The most points drawn per plot. */
  public static final int MAX_POINTS = 2000;

  /** Up to this many groups, each point is also drawn as a dot. */
  private static final int DOTS_UP_TO = 200;

  private ChannelStripChart() {}

  /**
   * @param groupLabel what a group is, for the shared axis: "output channel", "block of 32"
   * @param scales the scale of each group; NaN where a format has none (float formats)
   * @param sqnrDb SQNR of each group in dB; +Inf for a group quantized exactly
   * @param title chart title, or null for none
   */
  public static BuiltChart create(
      Messages m, String groupLabel, float[] scales, double[] sqnrDb, String title) {
    if (scales.length != sqnrDb.length) {
      throw new IllegalArgumentException(
          scales.length + " scales but " + sqnrDb.length + " SQNR values");
    }
    int n = scales.length;
    NumberAxis groups = LocalTickUnits.integerAxis(groupLabel, m.numbers().locale());
    groups.setAutoRangeIncludesZero(false);
    if (n > 0) {
      double pad = Math.max(0.5, (n - 1) * 0.01);
      groups.setRange(-pad, n - 1 + pad);
    }
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(groups);
    plot.setGap(12);

    XYPlot scalePlot =
        subplot(m, Envelope.of("scale", n, i -> scales[i], MAX_POINTS), m.get("chart.scale"), n);
    scalePlot.setNoDataMessage(m.get("chart.noScales"));

    XYPlot sqnrPlot =
        subplot(m, Envelope.of("SQNR", n, i -> sqnrDb[i], MAX_POINTS), m.get("chart.sqnrDb"), n);
    sqnrPlot.getRenderer().setDefaultToolTipGenerator(tooltips(m, groupLabel, "%.2f dB"));
    scalePlot.getRenderer().setDefaultToolTipGenerator(tooltips(m, groupLabel, "%.6g"));
    // an empty plot keeps a strip for its message and leaves the room to the other
    plot.add(scalePlot, isEmpty(scalePlot) && !isEmpty(sqnrPlot) ? 1 : 3);
    plot.add(sqnrPlot, isEmpty(sqnrPlot) && !isEmpty(scalePlot) ? 1 : 3);

    List<String> notes = new ArrayList<>();
    long exact = count(n, i -> sqnrDb[i], v -> v == Double.POSITIVE_INFINITY);
    long undefined =
        count(n, i -> sqnrDb[i], v -> !(v == Double.POSITIVE_INFINITY) && !Double.isFinite(v));
    if (exact == n && n > 0) {
      sqnrPlot.setNoDataMessage(m.get("chart.everyGroupExact"));
    } else {
      sqnrPlot.setNoDataMessage(m.get("chart.noSqnr"));
      if (exact > 0) {
        notes.add(m.get("chart.exactGroups", m.numbers().count(exact)));
      }
    }
    if (undefined > 0) {
      notes.add(m.get("chart.undefinedGroups", m.numbers().count(undefined)));
    }
    if (n > MAX_POINTS) {
      notes.add(m.get("chart.envelope", m.numbers().count(n), m.numbers().count(MAX_POINTS / 2)));
    }

    hideTicksWhenEmpty(scalePlot);
    hideTicksWhenEmpty(sqnrPlot);
    JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE_FONT, plot, false);
    if (!notes.isEmpty()) {
      chart.addSubtitle(new TextTitle(String.join(" · ", notes)));
    }
    ChartStyle.LIGHT.apply(chart);
    long[] index = new long[n];
    for (int i = 0; i < n; i++) {
      index[i] = i;
    }
    ChartTable table =
        new ChartTable(
            List.of("group", "scale", "sqnr_db"),
            List.of(
                new ChartTable.Longs(index),
                new ChartTable.Floats(scales),
                new ChartTable.Doubles(sqnrDb)));
    return new BuiltChart(chart, table);
  }

  private static XYPlot subplot(Messages m, XYSeries series, String axisLabel, int groups) {
    NumberAxis y = LocalTickUnits.axis(axisLabel, m.numbers().locale());
    y.setAutoRangeIncludesZero(false);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, groups <= DOTS_UP_TO);
    renderer.setDefaultShape(new Ellipse2D.Double(-2.5, -2.5, 5, 5), false);
    renderer.setAutoPopulateSeriesShape(false);
    return new XYPlot(new XYSeriesCollection(series), null, y, renderer);
  }

  private static boolean isEmpty(XYPlot plot) {
    return plot.getDataset().getItemCount(0) == 0;
  }

  /** An empty subplot shows its message, not a made-up 0–1 scale. */
  private static void hideTicksWhenEmpty(XYPlot plot) {
    if (isEmpty(plot)) {
      plot.getRangeAxis().setTickLabelsVisible(false);
      plot.getRangeAxis().setTickMarksVisible(false);
      plot.setRangeGridlinesVisible(false);
    }
  }

  private static XYToolTipGenerator tooltips(Messages m, String groupLabel, String valueFormat) {
    return (dataset, series, item) ->
        m.numbers()
            .format(
                "%s %d: " + valueFormat,
                groupLabel,
                (long) dataset.getXValue(series, item),
                dataset.getYValue(series, item));
  }

  private static long count(int n, IntToDoubleFunction value, DoublePredicate test) {
    long count = 0;
    for (int i = 0; i < n; i++) {
      if (test.test(value.applyAsDouble(i))) {
        count++;
      }
    }
    return count;
  }
}
