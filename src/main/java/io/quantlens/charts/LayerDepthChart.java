package io.quantlens.charts;

import io.quantlens.model.TensorNames;
import io.quantlens.text.Messages;
import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;

/**
 * Two errors of every layer along the depth of the network, first layer at the top as in the layer
 * table: the output error with only this layer quantized (where error enters) and in the fully
 * quantized model (where it has compounded), each a line through one point per layer.
 */
public final class LayerDepthChart {
  private LayerDepthChart() {}

  /**
   * @param layers full layer names in model order
   * @param localDb each layer's local output SQNR; +Inf (exact) and NaN are not drawn
   * @param accumulatedDb each layer's accumulated output SQNR
   * @param title chart title, or null
   * @param highlighted the layer whose name is set in bold (the selected one), or null
   */
  public static BuiltChart create(
      Messages m,
      List<String> layers,
      double[] localDb,
      double[] accumulatedDb,
      String title,
      String highlighted) {
    List<Series> series =
        List.of(
            new Series(m.get("chart.accumulated"), PlanRole.CURRENT, accumulatedDb),
            new Series(m.get("chart.local"), PlanRole.DATA, localDb));
    BarCharts.checkSizes(layers, series);
    List<String> labels = TensorNames.abbreviate(layers);
    CategoryAxis depth = new CategoryAxis(null);
    depth.setLowerMargin(0.01);
    depth.setUpperMargin(0.01);
    depth.setMaximumCategoryLabelWidthRatio(0.4f);
    int highlight = highlighted == null ? -1 : layers.indexOf(highlighted);
    if (highlight >= 0) {
      depth.setTickLabelFont(labels.get(highlight), ChartStyle.TICK_FONT.deriveFont(Font.BOLD));
    }
    NumberAxis db = LocalTickUnits.axis(m.get("chart.outputSqnrDb"), m.numbers().locale());
    db.setAutoRangeIncludesZero(false);

    RoleLineRenderer lines = new RoleLineRenderer(series.stream().map(Series::role).toList());
    lines.setSeriesStroke(0, new BasicStroke(2f), false);
    lines.setSeriesStroke(
        1,
        new BasicStroke(
            1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f),
        false);
    lines.setSeriesShape(0, new Ellipse2D.Double(-3.5, -3.5, 7, 7), false);
    lines.setSeriesShape(1, new Rectangle2D.Double(-3, -3, 6, 6), false);
    lines.setAutoPopulateSeriesStroke(false);
    lines.setAutoPopulateSeriesShape(false);
    lines.setDefaultToolTipGenerator(BarCharts.decibelTooltips(m, layers));
    CategoryPlot plot = new CategoryPlot(BarCharts.dataset(labels, series), depth, db, lines);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
    plot.setNoDataMessage(m.get("chart.noLayerDiffers"));

    JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE_FONT, plot, true);
    LegendTitle legend = chart.getLegend();
    legend.setPosition(RectangleEdge.TOP);
    List<String> notes = new ArrayList<>();
    String exact =
        BarCharts.countNote(
            m, m.get("chart.exactNotDrawn"), series, v -> v == Double.POSITIVE_INFINITY);
    if (exact != null) {
      notes.add(exact);
    }
    if (!notes.isEmpty()) {
      chart.addSubtitle(new TextTitle(String.join(" · ", notes)));
    }
    ChartStyle.LIGHT.apply(chart);
    return new BuiltChart(chart, BarCharts.table(m.get("chart.layer"), layers, series));
  }

  /** A height in pixels at which every layer's name stays readable. */
  public static int preferredHeight(int layers) {
    return 150 + 20 * layers;
  }

  /** Lines and points coloured by role. */
  private static final class RoleLineRenderer extends LineAndShapeRenderer implements SeriesRoles {
    private final List<PlanRole> roles;

    RoleLineRenderer(List<PlanRole> roles) {
      super(true, true);
      this.roles = List.copyOf(roles);
    }

    @Override
    public List<PlanRole> roles() {
      return roles;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof RoleLineRenderer r && r.roles.equals(roles) && super.equals(o);
    }

    @Override
    public int hashCode() {
      return super.hashCode() * 31 + roles.hashCode();
    }
  }
}
