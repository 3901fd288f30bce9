package io.quantlens.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.quant.Histogram;
import java.awt.Color;
import java.awt.Font;
import java.awt.RenderingHints;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;

class ChartStyleTest {
  /** The eight Okabe–Ito colours, from their paper's table. */
  private static final Set<Integer> OKABE_ITO =
      Set.of(0x000000, 0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7);

  private static JFreeChart bars() {
    return SqnrBarChart.create(
            List.of("/a/x/MatMul", "/b/y/MatMul"),
            List.of(
                new Series("current plan", new double[] {30, 31}),
                new Series("FP16", new double[] {60, 61})),
            "Title")
        .chart();
  }

  @Test
  void palettesAreOkabeItoWithTheWeakestColourLast() {
    for (ChartStyle style : ChartStyle.values()) {
      Set<Integer> rgb = new HashSet<>();
      for (Color c : style.palette()) {
        rgb.add(c.getRGB() & 0xFFFFFF);
      }
      assertEquals(8, rgb.size(), style + " distinct");
    }
    assertEquals(OKABE_ITO, rgbSet(ChartStyle.LIGHT.palette()));
    assertEquals(0xF0E442, ChartStyle.LIGHT.palette().get(7).getRGB() & 0xFFFFFF, "yellow last");
    assertEquals(0x0072B2, ChartStyle.DARK.palette().get(7).getRGB() & 0xFFFFFF, "blue last");
  }

  @Test
  void textContrastsWithTheBackground() {
    for (ChartStyle style : ChartStyle.values()) {
      double ratio = contrast(style.text(), style.background());
      assertTrue(ratio >= 7, style + " text contrast " + ratio);
    }
  }

  @Test
  void barChartsAreFlatWithTheLegendBelowAndNoBorder() {
    JFreeChart chart = bars();
    for (ChartStyle style : ChartStyle.values()) {
      style.apply(chart);
      assertEquals(style.background(), chart.getBackgroundPaint());
      assertFalse(chart.isBorderVisible());
      assertTrue(chart.getAntiAlias());
      assertEquals(
          RenderingHints.VALUE_TEXT_ANTIALIAS_ON,
          chart.getRenderingHints().get(RenderingHints.KEY_TEXT_ANTIALIASING));
      assertEquals(RectangleEdge.BOTTOM, chart.getLegend().getPosition());
      assertEquals(style.text(), chart.getLegend().getItemPaint());
      CategoryPlot plot = chart.getCategoryPlot();
      assertEquals(style.background(), plot.getBackgroundPaint());
      assertFalse(plot.isOutlineVisible());
      BarRenderer renderer = (BarRenderer) plot.getRenderer();
      assertInstanceOf(StandardBarPainter.class, renderer.getBarPainter());
      assertFalse(renderer.getShadowsVisible());
      assertEquals(style.palette().get(0), renderer.getSeriesPaint(0));
      assertEquals(style.palette().get(1), renderer.getSeriesPaint(1));
      Font tick = plot.getRangeAxis().getTickLabelFont();
      Font label = plot.getRangeAxis().getLabelFont();
      assertEquals(Font.SANS_SERIF, tick.getName());
      assertEquals(Font.SANS_SERIF, label.getName());
      assertEquals(12, tick.getSize());
      assertEquals(13, label.getSize());
      assertEquals(style.text(), plot.getRangeAxis().getLabelPaint());
      assertEquals(style.text(), ((TextTitle) chart.getTitle()).getPaint());
    }
  }

  @Test
  void histogramBarsAreFlatAndLevelLinesFollowTheStyle() {
    JFreeChart chart =
        WeightHistogramChart.create(
                new Histogram(-1, 1, new long[] {1, 2, 3, 2}, 0, 0),
                false,
                new double[] {-0.5, 0, 0.5},
                -0.75,
                0.75,
                null)
            .chart();
    ChartStyle.DARK.apply(chart);
    XYBarRenderer renderer = (XYBarRenderer) chart.getXYPlot().getRenderer();
    assertInstanceOf(StandardXYBarPainter.class, renderer.getBarPainter());
    assertFalse(renderer.getShadowsVisible());
    assertEquals(ChartStyle.DARK.palette().get(0), renderer.getSeriesPaint(0));
    for (Object o : chart.getXYPlot().getDomainMarkers(Layer.FOREGROUND)) {
      RoleMarker m = (RoleMarker) o;
      if (m.role() == RoleMarker.Role.CLIP) {
        assertEquals(ChartStyle.DARK.accent(), m.getPaint());
      } else {
        Color c = (Color) m.getPaint();
        assertEquals(ChartStyle.DARK.text().getRGB() & 0xFFFFFF, c.getRGB() & 0xFFFFFF);
        assertTrue(c.getAlpha() < 255, "levels are faint");
      }
    }
  }

  @Test
  void subplotsTakeSuccessiveColours() {
    JFreeChart chart =
        ChannelStripChart.create("c", new float[] {1, 2}, new double[] {3, 4}, null).chart();
    ChartStyle.LIGHT.apply(chart);
    var subplots = ((CombinedDomainXYPlot) chart.getPlot()).getSubplots();
    assertEquals(
        ChartStyle.LIGHT.palette().get(0), subplots.get(0).getRenderer().getSeriesPaint(0));
    assertEquals(
        ChartStyle.LIGHT.palette().get(1), subplots.get(1).getRenderer().getSeriesPaint(0));
  }

  @Test
  void applyingAStyleFiresOneChangeEvent() {
    JFreeChart chart = bars();
    AtomicInteger events = new AtomicInteger();
    chart.addChangeListener(e -> events.incrementAndGet());
    ChartStyle.DARK.apply(chart);
    assertEquals(1, events.get());
    assertTrue(chart.isNotify());
  }

  private static Set<Integer> rgbSet(List<Color> colours) {
    Set<Integer> rgb = new HashSet<>();
    for (Color c : colours) {
      rgb.add(c.getRGB() & 0xFFFFFF);
    }
    return rgb;
  }

  /** WCAG 2 contrast ratio. */
  private static double contrast(Color a, Color b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  private static double luminance(Color c) {
    return 0.2126 * linear(c.getRed())
        + 0.7152 * linear(c.getGreen())
        + 0.0722 * linear(c.getBlue());
  }

  private static double linear(int channel) {
    double s = channel / 255.0;
    return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
  }
}
