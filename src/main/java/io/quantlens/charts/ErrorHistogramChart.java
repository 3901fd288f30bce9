package io.quantlens.charts;

import io.quantlens.quant.Histogram;
import io.quantlens.text.Messages;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;

/** The distribution of the quantization error x − x̂ of one tensor. */
public final class ErrorHistogramChart {
  private ErrorHistogramChart() {}

  /** The chart with a linear count axis. */
  public static BuiltChart create(Messages m, Histogram errors, String title) {
    return create(m, errors, false, title);
  }

  /**
   * @param errors histogram of x − x̂
   * @param logCount a logarithmic count axis, as the weight histogram's beside it
   * @param title chart title, or null for none
   */
  public static BuiltChart create(Messages m, Histogram errors, boolean logCount, String title) {
    XYPlot plot =
        HistogramPlot.create(
            m, errors, logCount, "errors", m.get("chart.error"), Double.NaN, Double.NaN);
    JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE_FONT, plot, false);
    List<String> notes = HistogramPlot.outOfRangeNotes(m, errors);
    if (!notes.isEmpty()) {
      chart.addSubtitle(new TextTitle(String.join(" · ", notes)));
    }
    ChartStyle.LIGHT.apply(chart);
    return new BuiltChart(chart, HistogramPlot.table(errors));
  }
}
