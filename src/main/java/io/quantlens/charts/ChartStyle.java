package io.quantlens.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.util.Collection;
import java.util.List;
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
 * <p>Series colours come from the Okabe–Ito palette (Okabe &amp; Ito 2008, "Color Universal
 * Design"), which stays distinguishable for the common forms of colour blindness; each variant
 * orders it so that the first colours contrast best with its background. {@link #apply} may be
 * called again on a chart that already has a style, so the window can switch themes in place.
 */
public enum ChartStyle {
  LIGHT(
      new Color(0xFFFFFF),
      new Color(0xE6E8EB),
      new Color(0x1F2328),
      new Color(0x59636E),
      new Color(0x8C959F),
      new Color(0xD55E00),
      new Color[] {
        new Color(0x0072B2), // blue
        new Color(0xE69F00), // orange
        new Color(0x009E73), // bluish green
        new Color(0xCC79A7), // reddish purple
        new Color(0x56B4E9), // sky blue
        new Color(0xD55E00), // vermillion
        new Color(0x000000), // black
        new Color(0xF0E442) // yellow: weakest on white, last
      }),
  DARK(
      new Color(0x1E1F22),
      new Color(0x383A40),
      new Color(0xDFE1E5),
      new Color(0xA2A7AF),
      new Color(0x6F747C),
      new Color(0xFF8C42),
      new Color[] {
        new Color(0x56B4E9), // sky blue
        new Color(0xE69F00), // orange
        new Color(0x009E73), // bluish green
        new Color(0xCC79A7), // reddish purple
        new Color(0xF0E442), // yellow
        new Color(0xD55E00), // vermillion
        new Color(0xFFFFFF), // white
        new Color(0x0072B2) // blue: weakest on near-black, last
      });

  /** The family of every chart text: the platform's sans-serif (DejaVu Sans on Linux). */
  public static final String FONT_FAMILY = Font.SANS_SERIF;

  static final Font TITLE_FONT = new Font(FONT_FAMILY, Font.BOLD, 15);
  static final Font LABEL_FONT = new Font(FONT_FAMILY, Font.PLAIN, 13);
  static final Font TICK_FONT = new Font(FONT_FAMILY, Font.PLAIN, 12);
  static final Font NOTE_FONT = new Font(FONT_FAMILY, Font.PLAIN, 12);
  static final Font ITEM_LABEL_FONT = new Font(FONT_FAMILY, Font.PLAIN, 11);

  private static final float[] DASH = {6f, 4f};

  private final Color background;
  private final Color gridline;
  private final Color text;
  private final Color mutedText;
  private final Color axisLine;
  private final Color accent;
  private final Color[] palette;

  ChartStyle(
      Color background,
      Color gridline,
      Color text,
      Color mutedText,
      Color axisLine,
      Color accent,
      Color[] palette) {
    this.background = background;
    this.gridline = gridline;
    this.text = text;
    this.mutedText = mutedText;
    this.axisLine = axisLine;
    this.accent = accent;
    this.palette = palette;
  }

  /** The series colours, in the order series get them. */
  public List<Color> palette() {
    return List.of(palette);
  }

  /** The chart and plot background. */
  public Color background() {
    return background;
  }

  /** The colour of titles, axis labels and legend items. */
  public Color text() {
    return text;
  }

  /** The colour of clipping-range markers. */
  public Color accent() {
    return accent;
  }

  /**
   * Styles a chart in place: backgrounds, gridlines, fonts, axis and legend colours, series colours
   * (subplots of a combined plot take successive palette colours), flat bars, markers,
   * anti-aliasing. Fires one change event at the end.
   */
  public void apply(JFreeChart chart) {
    boolean notify = chart.isNotify();
    chart.setNotify(false);
    try {
      styleChart(chart);
      stylePlot(chart.getPlot(), 0);
    } finally {
      chart.setNotify(notify);
    }
  }

  private void styleChart(JFreeChart chart) {
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
      title.setFont(TITLE_FONT);
      title.setPaint(text);
      title.setBackgroundPaint(null);
      title.setPadding(new RectangleInsets(2, 2, 6, 2));
    }
    for (Title subtitle : chart.getSubtitles()) {
      if (subtitle instanceof LegendTitle legend) {
        legend.setItemFont(NOTE_FONT);
        legend.setItemPaint(text);
        legend.setBackgroundPaint(background);
        legend.setFrame(BlockBorder.NONE);
        legend.setItemLabelPadding(new RectangleInsets(2, 4, 2, 12));
      } else if (subtitle instanceof TextTitle note) {
        note.setFont(NOTE_FONT);
        note.setPaint(mutedText);
        note.setBackgroundPaint(null);
      }
    }
  }

  private void stylePlot(Plot plot, int paletteOffset) {
    plot.setBackgroundPaint(background);
    plot.setOutlineVisible(false);
    plot.setNoDataMessageFont(LABEL_FONT);
    plot.setNoDataMessagePaint(mutedText);
    plot.setDrawingSupplier(
        new DefaultDrawingSupplier(
            rotated(paletteOffset),
            new Paint[] {background},
            DefaultDrawingSupplier.DEFAULT_OUTLINE_PAINT_SEQUENCE,
            DefaultDrawingSupplier.DEFAULT_STROKE_SEQUENCE,
            DefaultDrawingSupplier.DEFAULT_OUTLINE_STROKE_SEQUENCE,
            DefaultDrawingSupplier.DEFAULT_SHAPE_SEQUENCE));
    if (plot instanceof CombinedDomainXYPlot combined) {
      styleXyPlot(combined, paletteOffset);
      List<XYPlot> subplots = combined.getSubplots();
      for (int i = 0; i < subplots.size(); i++) {
        stylePlot(subplots.get(i), paletteOffset + i);
      }
    } else if (plot instanceof XYPlot xy) {
      styleXyPlot(xy, paletteOffset);
    } else if (plot instanceof CategoryPlot category) {
      styleCategoryPlot(category, paletteOffset);
    }
  }

  private void styleXyPlot(XYPlot plot, int paletteOffset) {
    plot.setDomainGridlinePaint(gridline);
    plot.setRangeGridlinePaint(gridline);
    plot.setDomainGridlineStroke(new BasicStroke(1f));
    plot.setRangeGridlineStroke(new BasicStroke(1f));
    plot.setDomainZeroBaselineVisible(false);
    plot.setRangeZeroBaselineVisible(false);
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    for (int i = 0; i < plot.getDomainAxisCount(); i++) {
      styleAxis(plot.getDomainAxis(i));
    }
    for (int i = 0; i < plot.getRangeAxisCount(); i++) {
      styleAxis(plot.getRangeAxis(i));
    }
    for (int i = 0; i < plot.getRendererCount(); i++) {
      var renderer = plot.getRenderer(i);
      if (renderer instanceof AbstractRenderer r) {
        int series = plot.getDataset(i) == null ? 0 : plot.getDataset(i).getSeriesCount();
        styleSeries(r, series, paletteOffset + i);
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
    styleMarkers(plot.getDomainMarkers(Layer.FOREGROUND));
    styleMarkers(plot.getDomainMarkers(Layer.BACKGROUND));
    styleMarkers(plot.getRangeMarkers(Layer.FOREGROUND));
    styleMarkers(plot.getRangeMarkers(Layer.BACKGROUND));
  }

  private void styleCategoryPlot(CategoryPlot plot, int paletteOffset) {
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinePaint(gridline);
    plot.setRangeGridlineStroke(new BasicStroke(1f));
    plot.setRangeZeroBaselineVisible(true);
    plot.setRangeZeroBaselinePaint(axisLine);
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    for (int i = 0; i < plot.getDomainAxisCount(); i++) {
      styleAxis(plot.getDomainAxis(i));
    }
    for (int i = 0; i < plot.getRangeAxisCount(); i++) {
      styleAxis(plot.getRangeAxis(i));
    }
    for (int i = 0; i < plot.getRendererCount(); i++) {
      var renderer = plot.getRenderer(i);
      if (renderer instanceof AbstractRenderer r) {
        int series = plot.getDataset(i) == null ? 0 : plot.getDataset(i).getRowCount();
        styleSeries(r, series, paletteOffset + i);
      }
      if (renderer instanceof BarRenderer bars) {
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
      }
    }
    styleMarkers(plot.getRangeMarkers(Layer.FOREGROUND));
    styleMarkers(plot.getRangeMarkers(Layer.BACKGROUND));
  }

  private void styleAxis(Axis axis) {
    if (axis == null) {
      return;
    }
    axis.setLabelFont(LABEL_FONT);
    axis.setLabelPaint(text);
    axis.setTickLabelFont(TICK_FONT);
    axis.setTickLabelPaint(mutedText);
    axis.setAxisLinePaint(axisLine);
    axis.setTickMarkPaint(axisLine);
    axis.setTickMarkOutsideLength(3f);
    // taller label boxes space the ticks of a vertical value axis further apart
    axis.setTickLabelInsets(new RectangleInsets(5, 4, 5, 4));
  }

  private void styleSeries(AbstractRenderer renderer, int seriesCount, int paletteOffset) {
    Paint[] colours = rotated(paletteOffset);
    renderer.setAutoPopulateSeriesPaint(false);
    for (int s = 0; s < Math.max(seriesCount, colours.length); s++) {
      renderer.setSeriesPaint(s, colours[s % colours.length], false);
    }
    renderer.setDefaultPaint(colours[0], false);
    renderer.setDefaultItemLabelFont(ITEM_LABEL_FONT, false);
    renderer.setDefaultItemLabelPaint(text, false);
  }

  private void styleMarkers(Collection<?> markers) {
    if (markers == null) {
      return;
    }
    for (Object o : markers) {
      Marker marker = (Marker) o;
      marker.setLabelFont(NOTE_FONT);
      marker.setLabelPaint(text);
      marker.setLabelBackgroundColor(withAlpha(background, 0.8f));
      marker.setAlpha(1f);
      if (marker instanceof RoleMarker role && role.role() == RoleMarker.Role.LEVEL) {
        marker.setPaint(withAlpha(text, 0.5f));
        marker.setStroke(new BasicStroke(1f));
      } else {
        marker.setPaint(accent);
        marker.setStroke(
            new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, DASH, 0f));
      }
    }
  }

  private Paint[] rotated(int offset) {
    Paint[] out = new Paint[palette.length];
    for (int i = 0; i < palette.length; i++) {
      out[i] = palette[(i + offset) % palette.length];
    }
    return out;
  }

  private static Color withAlpha(Color c, float alpha) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), Math.round(alpha * 255));
  }
}
