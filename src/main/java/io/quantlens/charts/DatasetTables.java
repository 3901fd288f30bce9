package io.quantlens.charts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;

/**
 * The table of what a chart draws, read back from its datasets: for charts made elsewhere. The
 * charts of this package carry their full-resolution {@link ChartTable} in {@link BuiltChart}
 * instead, since what they draw may be reduced.
 */
final class DatasetTables {
  private DatasetTables() {}

  static ChartTable of(JFreeChart chart) {
    Plot plot = chart.getPlot();
    if (plot instanceof CategoryPlot category) {
      return categoryTable(category);
    }
    if (plot instanceof XYPlot xy) {
      List<XYDataset> datasets = new ArrayList<>();
      List<XYItemRenderer> renderers = new ArrayList<>();
      collect(xy, datasets, renderers);
      boolean bars =
          !datasets.isEmpty()
              && datasets.stream().allMatch(d -> d instanceof IntervalXYDataset)
              && renderers.stream().allMatch(r -> r instanceof XYBarRenderer);
      return xyTable(datasets, bars);
    }
    throw new IllegalArgumentException(
        "no data table for a " + (plot == null ? "chart without a plot" : plot.getPlotType()));
  }

  /** {@code category, <series…>}: categories of every dataset in order, one column per series. */
  private static ChartTable categoryTable(CategoryPlot plot) {
    Set<Comparable<?>> categories = new LinkedHashSet<>();
    List<CategoryDataset> datasets = new ArrayList<>();
    for (int d = 0; d < plot.getDatasetCount(); d++) {
      CategoryDataset dataset = plot.getDataset(d);
      if (dataset != null) {
        datasets.add(dataset);
        categories.addAll(dataset.getColumnKeys());
      }
    }
    List<String> headers = new ArrayList<>(List.of("category"));
    List<ChartTable.Column> columns = new ArrayList<>();
    columns.add(new ChartTable.Texts(categories.stream().map(String::valueOf).toList()));
    for (CategoryDataset dataset : datasets) {
      for (int r = 0; r < dataset.getRowCount(); r++) {
        headers.add(String.valueOf(dataset.getRowKey(r)));
        double[] values = new double[categories.size()];
        int c = 0;
        for (Comparable<?> category : categories) {
          int column = dataset.getColumnIndex(category);
          Number v = column < 0 ? null : dataset.getValue(r, column);
          values[c++] = v == null ? Double.NaN : v.doubleValue();
        }
        columns.add(new ChartTable.Doubles(values));
      }
    }
    return new ChartTable(headers, columns);
  }

  private static void collect(
      XYPlot plot, List<XYDataset> datasets, List<XYItemRenderer> renderers) {
    if (plot instanceof CombinedDomainXYPlot combined) {
      for (XYPlot sub : combined.getSubplots()) {
        collect(sub, datasets, renderers);
      }
      return;
    }
    for (int d = 0; d < plot.getDatasetCount(); d++) {
      if (plot.getDataset(d) != null) {
        datasets.add(plot.getDataset(d));
        renderers.add(plot.getRendererForDataset(plot.getDataset(d)));
      }
    }
  }

  /**
   * {@code series, x, y} for every drawn item; {@code series, x_start, x_end, y} when {@code
   * intervals}: every dataset is drawn as bars spanning x intervals (histograms).
   */
  private static ChartTable xyTable(List<XYDataset> datasets, boolean intervals) {
    int rows = 0;
    for (XYDataset d : datasets) {
      for (int s = 0; s < d.getSeriesCount(); s++) {
        rows += d.getItemCount(s);
      }
    }
    List<String> names = new ArrayList<>(rows);
    double[] x = new double[rows];
    double[] xEnd = new double[rows];
    double[] y = new double[rows];
    int r = 0;
    for (XYDataset d : datasets) {
      for (int s = 0; s < d.getSeriesCount(); s++) {
        String name = String.valueOf(d.getSeriesKey(s));
        for (int i = 0; i < d.getItemCount(s); i++) {
          names.add(name);
          if (intervals) {
            x[r] = ((IntervalXYDataset) d).getStartXValue(s, i);
            xEnd[r] = ((IntervalXYDataset) d).getEndXValue(s, i);
          } else {
            x[r] = d.getXValue(s, i);
          }
          y[r++] = d.getYValue(s, i);
        }
      }
    }
    if (intervals) {
      return new ChartTable(
          List.of("series", "x_start", "x_end", "y"),
          List.of(
              new ChartTable.Texts(names),
              new ChartTable.Doubles(x),
              new ChartTable.Doubles(xEnd),
              new ChartTable.Doubles(y)));
    }
    return new ChartTable(
        List.of("series", "x", "y"),
        List.of(new ChartTable.Texts(names), new ChartTable.Doubles(x), new ChartTable.Doubles(y)));
  }
}
