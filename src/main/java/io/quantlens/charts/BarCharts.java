package io.quantlens.charts;

import io.quantlens.text.Messages;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;
import org.jfree.chart.labels.CategoryToolTipGenerator;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/** Dataset, table and note code shared by the grouped bar charts. */
final class BarCharts {
  private BarCharts() {}

  /** Checks that categories and series names are unique and every series has one value each. */
  static void checkSizes(List<String> categories, List<Series> series) {
    if (new HashSet<>(categories).size() != categories.size()) {
      throw new IllegalArgumentException("category names repeat: " + categories);
    }
    if (series.stream().map(Series::name).distinct().count() != series.size()) {
      throw new IllegalArgumentException("series names repeat");
    }
    for (Series s : series) {
      if (s.size() != categories.size()) {
        throw new IllegalArgumentException(
            "series '"
                + s.name()
                + "' has "
                + s.size()
                + " values for "
                + categories.size()
                + " categories");
      }
    }
  }

  /**
   * Series as rows and {@code keys} as columns; a non-finite value becomes a missing (null) value,
   * which bar renderers skip.
   */
  static DefaultCategoryDataset dataset(List<String> keys, List<Series> series) {
    DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    for (Series s : series) {
      for (int c = 0; c < keys.size(); c++) {
        double v = s.value(c);
        dataset.addValue(Double.isFinite(v) ? Double.valueOf(v) : null, s.name(), keys.get(c));
      }
    }
    return dataset;
  }

  /** "layer · series: 12.34 dB" for the value under the pointer. */
  static CategoryToolTipGenerator decibelTooltips(Messages m, List<String> layers) {
    return (dataset, row, column) ->
        m.numbers()
            .format(
                "%s · %s: %.2f dB",
                layers.get(column),
                dataset.getRowKey(row),
                dataset.getValue(row, column).doubleValue());
  }

  /**
   * A flat bar renderer with thin gaps between the bars of one group, colouring each series by its
   * role.
   */
  static BarRenderer renderer(List<Series> series) {
    BarRenderer bars = new RoleBarRenderer(series.stream().map(Series::role).toList());
    bars.setItemMargin(0.04);
    bars.setMaximumBarWidth(0.12);
    return bars;
  }

  /** {@code category, <series 1>, <series 2>, …}: one row per category, in order. */
  static ChartTable table(String categoryHeader, List<String> categories, List<Series> series) {
    List<String> headers = new ArrayList<>();
    List<ChartTable.Column> columns = new ArrayList<>();
    headers.add(categoryHeader);
    columns.add(new ChartTable.Texts(categories));
    for (Series s : series) {
      headers.add(s.name());
      columns.add(new ChartTable.Doubles(s.values()));
    }
    return new ChartTable(headers, columns);
  }

  /**
   * "what: series a (3), series b (1)" naming how many values of each series pass {@code test}, or
   * null when none does.
   */
  static String countNote(Messages m, String what, List<Series> series, DoublePredicate test) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Series s : series) {
      int n = 0;
      for (int c = 0; c < s.size(); c++) {
        if (test.test(s.value(c))) {
          n++;
        }
      }
      if (n > 0) {
        counts.put(s.name(), n);
      }
    }
    if (counts.isEmpty()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((name, n) -> parts.add(name + " (" + m.numbers().count(n) + ")"));
    return what + ": " + String.join(", ", parts);
  }
}
