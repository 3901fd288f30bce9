package io.quantlens.charts;

import io.quantlens.text.Messages;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.TextAnchor;

/**
 * Plans compared on a few metrics (size, bytes / inference, energy / inference), typically as % of
 * FP32: grouped vertical bars, each labelled with its value.
 */
public final class PlanComparisonChart {
  private PlanComparisonChart() {}

  /**
   * @param metrics the metric names, one bar group each
   * @param series one value per metric each, e.g. "FP32", "current", "pinned"; non-finite values
   *     are not drawn and a note says so
   * @param valueAxisLabel the value axis label, e.g. "% of FP32"
   * @param title chart title, or null for none
   */
  public static BuiltChart create(
      Messages m, List<String> metrics, List<Series> series, String valueAxisLabel, String title) {
    BarCharts.checkSizes(metrics, series);
    CategoryAxis metricAxis = new CategoryAxis(null);
    metricAxis.setCategoryMargin(0.3);
    metricAxis.setMaximumCategoryLabelLines(2);
    NumberAxis value = LocalTickUnits.axis(valueAxisLabel, m.numbers().locale());
    value.setAutoRangeIncludesZero(true);
    value.setUpperMargin(0.12); // room for the value labels above the tallest bar

    DecimalFormat number =
        new DecimalFormat("#,##0.#", DecimalFormatSymbols.getInstance(m.numbers().locale()));
    number.setRoundingMode(RoundingMode.HALF_UP); // 31.25 reads as 31.3, as people round
    BarRenderer bars = BarCharts.renderer(series);
    bars.setMaximumBarWidth(0.08);
    bars.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", number));
    // Three or more bars a group leave no room for value labels; tooltips keep the values.
    bars.setDefaultItemLabelsVisible(series.size() <= 2);
    bars.setDefaultPositiveItemLabelPosition(
        new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));
    bars.setItemLabelAnchorOffset(3);
    bars.setDefaultToolTipGenerator(
        (dataset, row, column) ->
            dataset.getColumnKey(column)
                + " · "
                + dataset.getRowKey(row)
                + ": "
                + number.format(dataset.getValue(row, column)));
    CategoryPlot plot =
        new CategoryPlot(BarCharts.dataset(metrics, series), metricAxis, value, bars);

    JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE_FONT, plot, !series.isEmpty());
    String missing =
        BarCharts.countNote(m, m.get("chart.noValueNotDrawn"), series, v -> !Double.isFinite(v));
    if (missing != null) {
      chart.addSubtitle(new TextTitle(missing));
    }
    ChartStyle.LIGHT.apply(chart);
    return new BuiltChart(chart, BarCharts.table(m.get("chart.metric"), metrics, series));
  }
}
