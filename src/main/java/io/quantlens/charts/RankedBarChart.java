package io.quantlens.charts;

import io.quantlens.model.TensorNames;
import io.quantlens.text.Messages;
import java.awt.Font;
import java.awt.Paint;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;

/**
 * A ranking as horizontal bars, first item at the top: e.g. layers by how much quantizing each
 * alone hurts. Each bar is labelled with its value as text; the items are drawn in the order given,
 * so the caller decides what "worst" means (a loss sorted high first, an SQNR low first).
 */
public final class RankedBarChart {
  private RankedBarChart() {}

  /**
   * One bar.
   *
   * @param name the full name (tooltip and CSV; the axis shows a {@link LayerNames} label)
   * @param value the bar's length; a non-finite value draws no bar
   * @param text written beside the bar, e.g. {@code −0.40 pts · KL 4.52e-4}
   */
  public record Bar(String name, double value, String text) {
    public Bar {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * @param bars in rank order, names unique
   * @param seriesName what the values are, the CSV column header, e.g. {@code accuracy drop (pts)}
   * @param valueAxisLabel the value axis label
   * @param title chart title, or null for none
   * @param highlighted the name of a bar drawn in the current plan's colour with its label in bold
   *     (the selected one), or null
   */
  public static BuiltChart create(
      Messages m,
      List<Bar> bars,
      String seriesName,
      String valueAxisLabel,
      String title,
      String highlighted) {
    List<String> names = bars.stream().map(Bar::name).toList();
    Series series = new Series(seriesName, bars.stream().mapToDouble(Bar::value).toArray());
    BarCharts.checkSizes(names, List.of(series));
    List<String> labels = TensorNames.abbreviate(names);
    CategoryAxis items = new CategoryAxis(null);
    items.setCategoryMargin(0.3);
    items.setLowerMargin(0.01);
    items.setUpperMargin(0.01);
    items.setMaximumCategoryLabelWidthRatio(0.4f);
    NumberAxis value = LocalTickUnits.axis(valueAxisLabel, m.numbers().locale());
    value.setAutoRangeIncludesZero(true);
    value.setUpperMargin(0.45); // room for the text beside the longest bar
    value.setLowerMargin(0.08);

    int highlight = highlighted == null ? -1 : names.indexOf(highlighted);
    if (highlight >= 0) {
      items.setTickLabelFont(labels.get(highlight), ChartStyle.TICK_FONT.deriveFont(Font.BOLD));
    }
    BarRenderer renderer = new HighlightingRenderer(highlight);
    renderer.setItemMargin(0);
    // A few layers on a tall pane would otherwise get bars as thick as a thumb.
    renderer.setMaximumBarWidth(0.08);
    renderer.setDefaultItemLabelGenerator(
        new StandardCategoryItemLabelGenerator() {
          @Override
          public String generateLabel(CategoryDataset dataset, int row, int column) {
            return bars.get(column).text();
          }
        });
    renderer.setDefaultItemLabelsVisible(true);
    renderer.setDefaultPositiveItemLabelPosition(
        new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
    renderer.setDefaultNegativeItemLabelPosition(
        new ItemLabelPosition(ItemLabelAnchor.OUTSIDE9, TextAnchor.CENTER_RIGHT));
    renderer.setItemLabelAnchorOffset(4);
    renderer.setDefaultToolTipGenerator(
        (dataset, row, column) -> names.get(column) + ": " + bars.get(column).text());
    CategoryPlot plot =
        new CategoryPlot(BarCharts.dataset(labels, List.of(series)), items, value, renderer);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);

    JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE_FONT, plot, false);
    ChartStyle.LIGHT.apply(chart);
    return new BuiltChart(chart, BarCharts.table(m.get("chart.layer"), names, List.of(series)));
  }

  /**
   * A height in pixels at which every bar and its label stay readable: 22 px a bar plus room for
   * title and axis.
   */
  public static int preferredHeight(int bars) {
    return 120 + 22 * bars;
  }

  /** Draws one bar in the current plan's colour of whatever style the chart gets later. */
  private static final class HighlightingRenderer extends BarRenderer implements HighlightsOne {
    private final int highlighted;
    private Paint highlight;

    HighlightingRenderer(int highlighted) {
      this.highlighted = highlighted;
    }

    @Override
    public void highlightWith(Paint paint) {
      highlight = paint;
    }

    @Override
    public Paint getItemPaint(int row, int column) {
      if (column == highlighted && highlight != null) {
        return highlight;
      }
      return super.getItemPaint(row, column);
    }
  }
}
