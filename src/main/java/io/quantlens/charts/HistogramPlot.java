package io.quantlens.charts;

import io.quantlens.quant.Histogram;
import io.quantlens.text.Messages;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.labels.XYToolTipGenerator;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.Range;
import org.jfree.data.xy.IntervalXYDataset;

/** The bar plot and the CSV table shared by the weight and error histograms. */
final class HistogramPlot {
  /** Where bars start on a logarithmic count axis: below a count of 1, above 0. */
  static final double LOG_FLOOR = 0.5;

  private HistogramPlot() {}

  /**
   * Bars of the histogram's counts over an x axis covering {@code [lo, hi]} widened to {@code
   * extraLo}, {@code extraHi} (NaN for none) and padded by 2 %.
   */
  static XYPlot create(
      Messages m,
      Histogram h,
      boolean logCount,
      String key,
      String xLabel,
      double extraLo,
      double extraHi) {
    HistogramDataset dataset = new HistogramDataset(key, h, logCount);
    NumberAxis x = LocalTickUnits.axis(xLabel, m.numbers().locale());
    x.setAutoRangeIncludesZero(false);
    double lo = Double.isFinite(extraLo) ? Math.min(h.lo(), extraLo) : h.lo();
    double hi = Double.isFinite(extraHi) ? Math.max(h.hi(), extraHi) : h.hi();
    double pad = (hi - lo) * 0.02;
    x.setRange(new Range(lo - pad, hi + pad), true, false);

    XYBarRenderer bars = new XYBarRenderer(0.0);
    bars.setUseYInterval(false);
    bars.setDefaultToolTipGenerator(tooltips(m));
    ValueAxis y;
    if (logCount) {
      LogAxis log = new LogAxis(m.get("chart.countLog"));
      long max = 0;
      for (long c : h.counts()) {
        max = Math.max(max, c);
      }
      log.setRange(new Range(LOG_FLOOR, Math.max(10, max * 2.0)), true, false);
      log.setStandardTickUnits(NumberAxis.createIntegerTickUnits(m.numbers().locale()));
      bars.setBase(LOG_FLOOR);
      y = log;
    } else {
      NumberAxis linear = LocalTickUnits.integerAxis(m.get("chart.count"), m.numbers().locale());
      linear.setAutoRangeIncludesZero(true);
      y = linear;
    }
    XYPlot plot = new XYPlot(dataset, x, y, bars);
    plot.setDomainGridlinesVisible(false); // vertical lines are for clipping and levels
    return plot;
  }

  private static XYToolTipGenerator tooltips(Messages m) {
    return (dataset, series, item) ->
        m.get(
            "chart.bin",
            m.numbers().four(((IntervalXYDataset) dataset).getStartXValue(series, item)),
            m.numbers().four(((IntervalXYDataset) dataset).getEndXValue(series, item)),
            m.numbers().count((long) dataset.getYValue(series, item)));
  }

  /**
   * The bins as {@code bin_lo, bin_hi, count} rows; values below and above the bins, when there are
   * any, as a first row {@code -inf, lo, underflow} and a last row {@code hi, inf, overflow}, so
   * the counts add up to every value seen.
   */
  static ChartTable table(Histogram h) {
    int rows = h.bins() + (h.underflow() > 0 ? 1 : 0) + (h.overflow() > 0 ? 1 : 0);
    double[] lo = new double[rows];
    double[] hi = new double[rows];
    long[] count = new long[rows];
    int r = 0;
    if (h.underflow() > 0) {
      lo[r] = Double.NEGATIVE_INFINITY;
      hi[r] = h.lo();
      count[r++] = h.underflow();
    }
    for (int b = 0; b < h.bins(); b++) {
      lo[r] = HistogramDataset.edge(h, b);
      hi[r] = HistogramDataset.edge(h, b + 1);
      count[r++] = h.count(b);
    }
    if (h.overflow() > 0) {
      lo[r] = h.hi();
      hi[r] = Double.POSITIVE_INFINITY;
      count[r] = h.overflow();
    }
    return new ChartTable(
        List.of("bin_lo", "bin_hi", "count"),
        List.of(
            new ChartTable.Doubles(lo), new ChartTable.Doubles(hi), new ChartTable.Longs(count)));
  }

  /** Notes on values outside the bins, which the bars do not show; empty when there are none. */
  static List<String> outOfRangeNotes(Messages m, Histogram h) {
    List<String> notes = new ArrayList<>();
    if (h.underflow() > 0 || h.overflow() > 0) {
      notes.add(
          m.get(
              "chart.notShown",
              m.numbers().count(h.underflow()),
              m.numbers().four(h.lo()),
              m.numbers().count(h.overflow()),
              m.numbers().four(h.hi())));
    }
    return notes;
  }
}
