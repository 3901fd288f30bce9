package io.quantlens.charts;

import io.quantlens.text.Typeface;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.util.Collection;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.AbstractRenderer;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The look of every QuantLens chart, in a light and a dark variant matching the window's themes.
 *
 * <p>Series take their colour from their {@link PlanRole}, never from their position: bars of a
 * {@link RoleBarRenderer} by each row's role, everything else (histogram bars, strips) in the
 * neutral {@link PlanRole#DATA} grey. {@link #apply} may be called again on a chart that already
 * has a style, so the window can switch themes in place.
 */
public enum ChartStyle {
  LIGHT(
      new Color(0xFFFFFF),
      new Color(0xE6E8EB),
      new Color(0x1F2328),
      new Color(0x59636E),
      new Color(0x8C959F)),
  DARK(
      new Color(0x1E1F22),
      new Color(0x383A40),
      new Color(0xDFE1E5),
      new Color(0xA2A7AF),
      new Color(0x6F747C));

  static {
    Typeface.registerWithJava2d(); // before any chart text is drawn
  }

  /** The family of every chart text: the window's own (Noto Sans, shipped). */
  public static final String FONT_FAMILY = Typeface.FAMILY;

  static final Font TITLE_FONT = new Font(FONT_FAMILY, Font.BOLD, 15);
  static final Font LABEL_FONT = new Font(FONT_FAMILY, Font.PLAIN, 13);
  static final Font TICK_FONT = new Font(FONT_FAMILY, Font.PLAIN, 12);
  static final Font NOTE_FONT = new Font(FONT_FAMILY, Font.PLAIN, 12);
  static final Font ITEM_LABEL_FONT = new Font(FONT_FAMILY, Font.PLAIN, 11);

  /**
   * How much larger presenter mode draws a chart's type: 20 px window type against the usual 13, so
   * the chart's text keeps its proportion to the page's.
   */
  public static final float PRESENTER_SCALE = 1.5f;

  private static final float[] DASH = {6f, 4f};

  private final Color background;
  private final Color gridline;
  private final Color text;
  private final Color mutedText;
  private final Color axisLine;

  ChartStyle(Color background, Color gridline, Color text, Color mutedText, Color axisLine) {
    this.background = background;
    this.gridline = gridline;
    this.text = text;
    this.mutedText = mutedText;
    this.axisLine = axisLine;
  }

  /** The colour of {@code role}'s series in this style. */
  public Color colour(PlanRole role) {
    return role.colour(this);
  }

  /** The chart and plot background. */
  public Color background() {
    return background;
  }

  /** The colour of titles, axis labels and legend items. */
  public Color text() {
    return text;
  }

  /**
   * The colour of clipping-range markers: annotations drawn dashed in the text colour, so they take
   * none of the series colours.
   */
  public Color accent() {
    return text;
  }

  /**
   * Styles a chart in place: backgrounds, gridlines, fonts, axis and legend colours, series colours
   * by role, flat bars, markers, anti-aliasing. Fires one change event at the end.
   */
  public void apply(JFreeChart chart) {
    apply(chart, 1f);
  }

  /**
   * As {@link #apply(JFreeChart)} with every text {@code scale} times its usual size: titles, axis
   * labels, tick labels, legends, notes, markers and item labels (1 for the usual size).
   */
  public void apply(JFreeChart chart, float scale) {
    boolean notify = chart.isNotify();
    chart.setNotify(false);
    try {
      Fonts fonts = new Fonts(scale);
      styleChart(chart, fonts);
      stylePlot(chart.getPlot(), fonts);
    } finally {
      chart.setNotify(notify);
    }
  }

  private void styleChart(JFreeChart chart, Fonts fonts) {
    chart.setBackgroundPaint(background);
    chart.setBorderVisible(false);
    chart.setPadding(new RectangleInsets(8, 10, 8, 12));
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    RenderingHints hints = new RenderingHints(null);
    hints.putAll(chart.getRenderingHints());
    hints.put(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    hints.put(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    hints.put(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    hints.put(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    chart.setRenderingHints(hints);
    TextTitle title = chart.getTitle();
    if (title != null) {
      title.setFont(fonts.title);
      title.setPaint(text);
      title.setBackgroundPaint(null);
      title.setPadding(new RectangleInsets(2, 2, 6, 2));
    }
    for (Title subtitle : chart.getSubtitles()) {
      if (subtitle instanceof LegendTitle legend) {
        legend.setItemFont(fonts.note);
        legend.setItemPaint(text);
        legend.setBackgroundPaint(background);
        legend.setFrame(BlockBorder.NONE);
        legend.setItemLabelPadding(new RectangleInsets(2, 4, 2, 12));
      } else if (subtitle instanceof TextTitle note) {
        note.setFont(fonts.note);
        note.setPaint(mutedText);
        note.setBackgroundPaint(null);
      }
    }
  }

  private void stylePlot(Plot plot, Fonts fonts) {
    plot.setBackgroundPaint(background);
    plot.setOutlineVisible(false);
    plot.setNoDataMessageFont(fonts.label);
    plot.setNoDataMessagePaint(mutedText);
    plot.setDrawingSupplier(
        new DefaultDrawingSupplier(
            new Paint[] {colour(PlanRole.DATA)},
            new Paint[] {background},
            DefaultDrawingSupplier.DEFAULT_OUTLINE_PAINT_SEQUENCE,
            DefaultDrawingSupplier.DEFAULT_STROKE_SEQUENCE,
            DefaultDrawingSupplier.DEFAULT_OUTLINE_STROKE_SEQUENCE,
            DefaultDrawingSupplier.DEFAULT_SHAPE_SEQUENCE));
    if (plot instanceof CombinedDomainXYPlot combined) {
      styleXyPlot(combined, fonts);
      for (XYPlot subplot : combined.getSubplots()) {
        stylePlot(subplot, fonts);
      }
    } else if (plot instanceof XYPlot xy) {
      styleXyPlot(xy, fonts);
    } else if (plot instanceof CategoryPlot category) {
      styleCategoryPlot(category, fonts);
    }
  }

  private void styleXyPlot(XYPlot plot, Fonts fonts) {
    plot.setDomainGridlinePaint(gridline);
    plot.setRangeGridlinePaint(gridline);
    plot.setDomainGridlineStroke(new BasicStroke(1f));
    plot.setRangeGridlineStroke(new BasicStroke(1f));
    plot.setDomainZeroBaselineVisible(false);
    plot.setRangeZeroBaselineVisible(false);
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    for (int i = 0; i < plot.getDomainAxisCount(); i++) {
      styleAxis(plot.getDomainAxis(i), fonts);
    }
    for (int i = 0; i < plot.getRangeAxisCount(); i++) {
      styleAxis(plot.getRangeAxis(i), fonts);
    }
    for (int i = 0; i < plot.getRendererCount(); i++) {
      var renderer = plot.getRenderer(i);
      if (renderer instanceof AbstractRenderer r) {
        int series = plot.getDataset(i) == null ? 0 : plot.getDataset(i).getSeriesCount();
        styleSeries(r, series, fonts);
      }
      if (renderer instanceof XYBarRenderer bars) {
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
      }
      if (renderer instanceof XYLineAndShapeRenderer lines) {
        lines.setDefaultStroke(new BasicStroke(1.5f), false);
        lines.setAutoPopulateSeriesStroke(false);
      }
    }
    styleMarkers(plot.getDomainMarkers(Layer.FOREGROUND), fonts);
    styleMarkers(plot.getDomainMarkers(Layer.BACKGROUND), fonts);
    styleMarkers(plot.getRangeMarkers(Layer.FOREGROUND), fonts);
    styleMarkers(plot.getRangeMarkers(Layer.BACKGROUND), fonts);
  }

  private void styleCategoryPlot(CategoryPlot plot, Fonts fonts) {
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinePaint(gridline);
    plot.setRangeGridlineStroke(new BasicStroke(1f));
    plot.setRangeZeroBaselineVisible(true);
    plot.setRangeZeroBaselinePaint(axisLine);
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    for (int i = 0; i < plot.getDomainAxisCount(); i++) {
      styleAxis(plot.getDomainAxis(i), fonts);
    }
    for (int i = 0; i < plot.getRangeAxisCount(); i++) {
      styleAxis(plot.getRangeAxis(i), fonts);
    }
    for (int i = 0; i < plot.getRendererCount(); i++) {
      var renderer = plot.getRenderer(i);
      if (renderer instanceof AbstractRenderer r) {
        int series = plot.getDataset(i) == null ? 0 : plot.getDataset(i).getRowCount();
        styleSeries(r, series, fonts);
      }
      if (renderer instanceof BarRenderer bars) {
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
      }
    }
    styleMarkers(plot.getRangeMarkers(Layer.FOREGROUND), fonts);
    styleMarkers(plot.getRangeMarkers(Layer.BACKGROUND), fonts);
  }

  private void styleAxis(Axis axis, Fonts fonts) {
    if (axis == null) {
      return;
    }
    axis.setLabelFont(fonts.label);
    axis.setLabelPaint(text);
    axis.setTickLabelFont(fonts.tick);
    axis.setTickLabelPaint(mutedText);
    axis.setAxisLinePaint(axisLine);
    axis.setTickMarkPaint(axisLine);
    axis.setTickMarkOutsideLength(3f);
    // taller label boxes space the ticks of a vertical value axis further apart
    axis.setTickLabelInsets(new RectangleInsets(5, 4, 5, 4));
  }

  /**
   * Each series in its role's colour, or its place's in a {@link SeriesPalette}; a renderer that
   * knows neither draws all as data.
   */
  private void styleSeries(AbstractRenderer renderer, int seriesCount, Fonts fonts) {
    SeriesRoles roles = renderer instanceof SeriesRoles r ? r : null;
    int rows = Math.max(seriesCount, roles == null ? 0 : roles.rows());
    renderer.setAutoPopulateSeriesPaint(false);
    for (int s = 0; s < rows; s++) {
      PlanRole role = roles == null ? PlanRole.DATA : roles.role(s);
      renderer.setSeriesPaint(
          s,
          renderer instanceof SeriesPalette ? SeriesPalette.colour(s, this) : colour(role),
          false);
    }
    renderer.setDefaultPaint(colour(PlanRole.DATA), false);
    if (renderer instanceof HighlightsOne one) {
      one.highlightWith(colour(PlanRole.CURRENT));
    }
    renderer.setDefaultItemLabelFont(fonts.itemLabel, false);
    renderer.setDefaultItemLabelPaint(text, false);
  }

  private void styleMarkers(Collection<?> markers, Fonts fonts) {
    if (markers == null) {
      return;
    }
    for (Object o : markers) {
      Marker marker = (Marker) o;
      marker.setLabelFont(fonts.note);
      marker.setLabelPaint(text);
      marker.setLabelBackgroundColor(withAlpha(background, 0.8f));
      marker.setAlpha(1f);
      if (marker instanceof LevelBand) {
        marker.setPaint(withAlpha(text, 0.14f));
        marker.setOutlinePaint(null);
      } else if (marker instanceof RoleMarker role && role.role() == RoleMarker.Role.LEVEL) {
        marker.setPaint(withAlpha(text, 0.5f));
        marker.setStroke(new BasicStroke(1f));
      } else {
        marker.setPaint(accent());
        marker.setStroke(
            new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, DASH, 0f));
      }
    }
  }

  /** The chart fonts at one scale. */
  private static final class Fonts {
    final Font title;
    final Font label;
    final Font tick;
    final Font note;
    final Font itemLabel;

    Fonts(float scale) {
      title = scaled(TITLE_FONT, scale);
      label = scaled(LABEL_FONT, scale);
      tick = scaled(TICK_FONT, scale);
      note = scaled(NOTE_FONT, scale);
      itemLabel = scaled(ITEM_LABEL_FONT, scale);
    }

    private static Font scaled(Font font, float scale) {
      return scale == 1f ? font : font.deriveFont(font.getSize2D() * scale);
    }
  }

  private static Color withAlpha(Color c, float alpha) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), Math.round(alpha * 255));
  }
}
