package io.quantlens.charts;

import io.quantlens.model.TensorNames;
import io.quantlens.text.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.title.TextTitle;

/**
 * SQNR per layer for several plans or formats, as grouped horizontal bars.
 *
 * <p>Horizontal, because layer names are long: laid out down the left side they read without
 * tilting the head, get as much width as they need, and follow the model from top to bottom like
 * the layer list beside the chart; a chart of many layers grows taller (see {@link
 * #preferredHeight}) rather than squeezing rotated labels. Names are shortened by {@link
 * TensorNames#abbreviate}; tooltips give the full name.
 */
public final class SqnrBarChart {
  /** Up to this many exact layers of a series are named in the note, more are counted. */
  private static final int LISTED_LAYERS = 2;

  private SqnrBarChart() {}

  /**
   * @param layers full layer names, in model order
   * @param series one value per layer each, in dB; +Inf (an FP32, exact layer) and NaN are not
   *     drawn and a note names how many of each series were left out
   * @param title chart title, or null for none
   */
  public static BuiltChart create(
      Messages m, List<String> layers, List<Series> series, String title) {
    BarCharts.checkSizes(layers, series);
    List<String> labels = TensorNames.abbreviate(layers);
    CategoryAxis layerAxis = new CategoryAxis(null);
    layerAxis.setCategoryMargin(0.25);
    layerAxis.setLowerMargin(0.01);
    layerAxis.setUpperMargin(0.01);
    layerAxis.setMaximumCategoryLabelWidthRatio(0.45f);
    NumberAxis db = LocalTickUnits.axis(m.get("chart.sqnrDb"), m.numbers().locale());
    db.setAutoRangeIncludesZero(true);
    db.setUpperMargin(0.04);

    BarRenderer bars = BarCharts.renderer(series);
    bars.setDefaultToolTipGenerator(BarCharts.decibelTooltips(m, layers));
    CategoryPlot plot = new CategoryPlot(BarCharts.dataset(labels, series), layerAxis, db, bars);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);

    JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE_FONT, plot, !series.isEmpty());
    List<String> notes = new ArrayList<>();
    notes.add(exactNote(m, labels, series));
    notes.add(
        BarCharts.countNote(
            m,
            m.get("chart.noValue"),
            series,
            v -> !Double.isFinite(v) && v != Double.POSITIVE_INFINITY));
    notes.removeIf(Objects::isNull);
    if (!notes.isEmpty()) {
      chart.addSubtitle(new TextTitle(String.join(" · ", notes)));
    }
    ChartStyle.LIGHT.apply(chart);
    return new BuiltChart(chart, BarCharts.table(m.get("chart.layer"), layers, series));
  }

  /**
   * "Not drawn, FP32 (exact, +∞ dB)" and, per series, the layers (up to {@value #LISTED_LAYERS}) or
   * how many; null when every value is finite.
   */
  private static String exactNote(Messages m, List<String> labels, List<Series> series) {
    List<String> parts = new ArrayList<>();
    for (Series s : series) {
      List<String> exact = new ArrayList<>();
      for (int c = 0; c < s.size(); c++) {
        if (s.value(c) == Double.POSITIVE_INFINITY) {
          exact.add(labels.get(c));
        }
      }
      if (exact.size() > LISTED_LAYERS) {
        parts.add(m.get("chart.seriesLayers", s.name(), exact.size()));
      } else if (!exact.isEmpty()) {
        parts.add(s.name() + " (" + String.join(", ", exact) + ")");
      }
    }
    return parts.isEmpty() ? null : m.get("chart.fp32NotDrawn", String.join("; ", parts));
  }

  /**
   * A height in pixels at which every layer's bars and label stay readable: 18 px per layer for up
   * to 4 series, more for more, plus room for title, axis and legend.
   */
  public static int preferredHeight(int layers, int seriesCount) {
    int perLayer = 6 + 4 * Math.max(3, seriesCount);
    return 150 + layers * perLayer;
  }
}
