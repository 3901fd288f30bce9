package io.quantlens.charts;

import io.quantlens.quant.Histogram;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;

/** The distribution of the quantization error x − x̂ of one tensor. */
public final class ErrorHistogramChart {
  private ErrorHistogramChart() {}

  /**
   * @param errors histogram of x − x̂
   * @param title chart title, or null for none
   */
  public static BuiltChart create(Histogram errors, String title) {
    XYPlot plot =
        HistogramPlot.create(errors, false, "errors", "error x − x̂", Double.NaN, Double.NaN);
    JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE_FONT, plot, false);
    List<String> notes = HistogramPlot.outOfRangeNotes(errors);
    if (!notes.isEmpty()) {
      chart.addSubtitle(new TextTitle(String.join(" · ", notes)));
    }
    ChartStyle.LIGHT.apply(chart);
    return new BuiltChart(chart, HistogramPlot.table(errors));
  }
}
