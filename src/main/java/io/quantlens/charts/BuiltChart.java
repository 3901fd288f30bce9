package io.quantlens.charts;

import java.util.Objects;
import org.jfree.chart.JFreeChart;

/**
 * A chart and the full-resolution data it was drawn from. The chart may draw a reduced view (a
 * strip chart of 366 k groups draws an envelope of a few thousand points); {@code table} always
 * holds every input value, and is what {@link ChartExport#csv(BuiltChart, java.nio.file.Path)}
 * writes.
 *
 * @param chart the chart, shown in the window or exported as PNG / SVG
 * @param table the chart's data, exactly as exported to CSV
 */
public record BuiltChart(JFreeChart chart, ChartTable table) {
  public BuiltChart {
    Objects.requireNonNull(chart, "chart");
    Objects.requireNonNull(table, "table");
  }
}
