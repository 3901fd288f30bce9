package io.quantlens.charts;

import io.quantlens.model.TensorNames;
import io.quantlens.text.Messages;
import java.awt.BasicStroke;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Each artifact's SQNR against its original, layer by layer: the original's layers along the x axis
 * in model order, one line of points per artifact. An exact layer (no error, +∞ dB) is drawn as a
 * triangle on a dashed line above every finite value; a layer an artifact lacks is left out. Each
 * artifact has its own colour and point shape.
 */
public final class ToolchainSqnrChart {
  /** Above this many layers the names on the x axis would overlap: the axis shows none. */
  static final int MOST_NAMED_LAYERS = 80;

  private ToolchainSqnrChart() {}

  /**
   * @param layers the original's layer names, in model order
   * @param artifacts one series per artifact, its name the legend's, one SQNR per layer (+∞ exact,
   *     NaN where the artifact has nothing of the layer)
   * @param title chart title, or null
   */
  public static BuiltChart create(
      Messages m, List<String> layers, List<Series> artifacts, String title) {
    BarCharts.checkSizes(layers, artifacts);
    List<String> labels = TensorNames.abbreviate(layers);
    double top = Double.NEGATIVE_INFINITY;
    for (Series s : artifacts) {
      for (int i = 0; i < s.size(); i++) {
        if (Double.isFinite(s.value(i))) {
          top = Math.max(top, s.value(i));
        }
      }
    }
    double exactAt = exactLine(top);
    DefaultCategoryDataset exact = new DefaultCategoryDataset();
    for (Series s : artifacts) {
      for (int c = 0; c < labels.size(); c++) {
        boolean isExact = s.value(c) == Double.POSITIVE_INFINITY;
        exact.addValue(isExact ? Double.valueOf(exactAt) : null, s.name(), labels.get(c));
      }
    }

    CategoryAxis axis = new CategoryAxis(m.get("toolchains.chart.layers"));
    axis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    axis.setLowerMargin(0.01);
    axis.setUpperMargin(0.01);
    axis.setTickLabelsVisible(layers.size() <= MOST_NAMED_LAYERS);
    NumberAxis db = LocalTickUnits.axis(m.get("chart.sqnrDb"), m.numbers().locale());
    db.setAutoRangeIncludesZero(false);
    db.setUpperMargin(0.18); // room above the exact line for its label

    PaletteLineRenderer lines = new PaletteLineRenderer(true);
    PaletteLineRenderer atTop = new PaletteLineRenderer(false);
    for (int s = 0; s < artifacts.size(); s++) {
      lines.setSeriesShape(s, shape(s), false);
      lines.setSeriesStroke(s, new BasicStroke(1.5f), false);
      atTop.setSeriesShape(s, triangle(s), false);
      atTop.setSeriesVisibleInLegend(s, false, false);
    }
    lines.setAutoPopulateSeriesShape(false);
    lines.setAutoPopulateSeriesStroke(false);
    atTop.setAutoPopulateSeriesShape(false);
    lines.setDefaultToolTipGenerator(BarCharts.decibelTooltips(m, layers));
    atTop.setDefaultToolTipGenerator(
        (dataset, row, column) ->
            layers.get(column)
                + " · "
                + dataset.getRowKey(row)
                + ": "
                + m.numbers().db(Double.POSITIVE_INFINITY));

    CategoryPlot plot = new CategoryPlot(BarCharts.dataset(labels, artifacts), axis, db, lines);
    plot.setOrientation(PlotOrientation.VERTICAL);
    plot.setDataset(1, exact);
    plot.setRenderer(1, atTop);
    plot.setNoDataMessage(m.get("toolchains.chart.none"));
    boolean anyExact =
        artifacts.stream()
            .anyMatch(
                s ->
                    java.util.Arrays.stream(s.values())
                        .anyMatch(v -> v == Double.POSITIVE_INFINITY));
    if (anyExact) {
      ValueMarker line =
          new ValueMarker(
              exactAt,
              PlanRole.DATA.colour(ChartStyle.LIGHT),
              new BasicStroke(
                  1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
      line.setLabel(m.get("toolchains.chart.exactLine"));
      line.setLabelAnchor(RectangleAnchor.TOP_LEFT);
      line.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
      // clear of the triangles drawn on the line
      line.setLabelOffset(new org.jfree.chart.ui.RectangleInsets(9, 4, 2, 4));
      plot.addRangeMarker(line);
    }

    JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE_FONT, plot, true);
    chart.getLegend().setPosition(RectangleEdge.TOP);
    List<String> notes = new ArrayList<>();
    String exactNote =
        BarCharts.countNote(
            m, m.get("toolchains.chart.exactNote"), artifacts, v -> v == Double.POSITIVE_INFINITY);
    if (exactNote != null) {
      notes.add(exactNote);
    }
    String missing =
        BarCharts.countNote(m, m.get("toolchains.chart.missing"), artifacts, Double::isNaN);
    if (missing != null) {
      notes.add(missing);
    }
    if (!axis.isTickLabelsVisible()) {
      notes.add(m.get("toolchains.chart.unnamed", m.numbers().count(layers.size())));
    }
    if (!notes.isEmpty()) {
      chart.addSubtitle(new TextTitle(String.join(" · ", notes)));
    }
    ChartStyle.LIGHT.apply(chart);
    return new BuiltChart(chart, BarCharts.table(m.get("chart.layer"), layers, artifacts));
  }

  /** Where exact layers are drawn: a round 10 dB step above the largest finite SQNR. */
  static double exactLine(double top) {
    double base = Double.isFinite(top) ? top : 0;
    return Math.ceil((base + 5) / 10) * 10;
  }

  /** Circle, square, diamond, then cycling: each artifact's points are told apart by shape. */
  private static Shape shape(int series) {
    return switch (series % 3) {
      case 0 -> new Ellipse2D.Double(-3.5, -3.5, 7, 7);
      case 1 -> new Rectangle2D.Double(-3, -3, 6, 6);
      default -> diamond();
    };
  }

  private static Shape diamond() {
    Path2D.Double d = new Path2D.Double();
    d.moveTo(0, -4.5);
    d.lineTo(4.5, 0);
    d.lineTo(0, 4.5);
    d.lineTo(-4.5, 0);
    d.closePath();
    return d;
  }

  /** An upward triangle, nudged sideways per artifact so two exact points stay apart. */
  private static Shape triangle(int series) {
    double dx = (series % 3 - 1) * 4.0;
    Path2D.Double t = new Path2D.Double();
    t.moveTo(dx, -5);
    t.lineTo(dx + 5, 4);
    t.lineTo(dx - 5, 4);
    t.closePath();
    return t;
  }

  /** Lines and points (or points alone) in the artifact palette's colours. */
  private static final class PaletteLineRenderer extends LineAndShapeRenderer
      implements SeriesPalette {
    private static final long serialVersionUID = 1L;

    PaletteLineRenderer(boolean lines) {
      super(lines, true);
    }
  }
}
