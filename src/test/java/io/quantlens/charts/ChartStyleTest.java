package io.quantlens.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.quant.Histogram;
import io.quantlens.text.Language;
import io.quantlens.text.Messages;
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
  private static final Messages ENGLISH_TEXT = Language.ENGLISH.messages();

  /** The eight Okabe–Ito colours, from their paper's table. */
  private static final Set<Integer> OKABE_ITO =
      Set.of(0x000000, 0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7);

  private static final List<PlanRole> PLAN_ROLES =
      List.of(
          PlanRole.CURRENT,
          PlanRole.PINNED,
          PlanRole.AS_STORED,
          PlanRole.FP32,
          PlanRole.FP16,
          PlanRole.INT8);

  private static JFreeChart bars() {
    return SqnrBarChart.create(
            ENGLISH_TEXT,
            List.of("/a/x/MatMul", "/b/y/MatMul"),
            List.of(
                new Series("current plan", PlanRole.CURRENT, new double[] {30, 31}),
                new Series("FP16", PlanRole.FP16, new double[] {60, 61})),
            "Title")
        .chart();
  }

  @Test
  void planRolesAreOkabeItoColoursOnLightAndDistinctInEachStyle() {
    for (PlanRole role : PLAN_ROLES) {
      assertTrue(
          OKABE_ITO.contains(ChartStyle.LIGHT.colour(role).getRGB() & 0xFFFFFF), role.name());
    }
    assertEquals(0x56B4E9, ChartStyle.DARK.colour(PlanRole.CURRENT).getRGB() & 0xFFFFFF);
    for (ChartStyle style : ChartStyle.values()) {
      Set<Integer> rgb = new HashSet<>();
      for (PlanRole role : PlanRole.values()) {
        rgb.add(style.colour(role).getRGB() & 0xFFFFFF);
      }
      assertEquals(PlanRole.values().length, rgb.size(), style + ": one colour per role");
      assertTrue(ColourVision.chroma(style.colour(PlanRole.DATA)) < 1, "data is grey");
    }
  }

  /**
   * Every two plan roles stay at least 15 ΔE*ab apart for normal vision and for each full
   * dichromacy (the worst pair, pinned and INT8 for a deuteranope, is 17.9).
   */
  @Test
  void planRolesStayApartForColourBlindViewers() {
    for (ChartStyle style : ChartStyle.values()) {
      for (ColourVision vision : ColourVision.values()) {
        for (int i = 0; i < PLAN_ROLES.size(); i++) {
          for (int j = i + 1; j < PLAN_ROLES.size(); j++) {
            PlanRole a = PLAN_ROLES.get(i);
            PlanRole b = PLAN_ROLES.get(j);
            double d = vision.distance(style.colour(a), style.colour(b));
            assertTrue(d >= 15, style + " " + vision + ": " + a + " vs " + b + " ΔE " + d);
          }
        }
      }
    }
  }

  /**
   * WCAG 2.1's 3:1 for graphics against the chart background, for every role in both styles but
   * Okabe–Ito orange on white (2.25:1), which the light style keeps for FP16 as the palette has it.
   */
  @Test
  void roleColoursStandOutFromTheBackground() {
    for (ChartStyle style : ChartStyle.values()) {
      for (PlanRole role : PlanRole.values()) {
        double ratio = ColourVision.contrast(style.colour(role), style.background());
        boolean orangeOnWhite = style == ChartStyle.LIGHT && role == PlanRole.FP16;
        assertTrue(ratio >= (orangeOnWhite ? 2.2 : 3), style + " " + role + ": " + ratio);
      }
    }
  }

  @Test
  void barsTakeTheirRolesColourWhereverTheyStand() {
    for (List<PlanRole> order :
        List.of(
            List.of(PlanRole.CURRENT, PlanRole.PINNED, PlanRole.FP16),
            List.of(PlanRole.FP16, PlanRole.CURRENT, PlanRole.PINNED))) {
      List<Series> series =
          order.stream().map(r -> new Series(r.name(), r, new double[] {20, 30})).toList();
      JFreeChart chart = SqnrBarChart.create(ENGLISH_TEXT, List.of("a", "b"), series, null).chart();
      for (ChartStyle style : ChartStyle.values()) {
        style.apply(chart);
        var renderer = chart.getCategoryPlot().getRenderer();
        for (int s = 0; s < order.size(); s++) {
          assertEquals(style.colour(order.get(s)), renderer.getSeriesPaint(s), style + " " + s);
        }
      }
    }
  }

  @Test
  void textContrastsWithTheBackground() {
    for (ChartStyle style : ChartStyle.values()) {
      double ratio = ColourVision.contrast(style.text(), style.background());
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
      assertEquals(style.colour(PlanRole.CURRENT), renderer.getSeriesPaint(0));
      assertEquals(style.colour(PlanRole.FP16), renderer.getSeriesPaint(1));
      Font tick = plot.getRangeAxis().getTickLabelFont();
      Font label = plot.getRangeAxis().getLabelFont();
      assertEquals("Noto Sans", tick.getFamily());
      assertEquals("Noto Sans", label.getFamily());
      assertEquals(12, tick.getSize());
      assertEquals(13, label.getSize());
      assertEquals(style.text(), plot.getRangeAxis().getLabelPaint());
      assertEquals(style.text(), ((TextTitle) chart.getTitle()).getPaint());
    }
  }

  @Test
  void histogramBarsAreGreyDataAndClipAndLevelLinesFollowTheStyle() {
    JFreeChart chart =
        WeightHistogramChart.create(
                ENGLISH_TEXT,
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
    assertEquals(ChartStyle.DARK.colour(PlanRole.DATA), renderer.getSeriesPaint(0));
    for (Object o : chart.getXYPlot().getDomainMarkers(Layer.FOREGROUND)) {
      RoleMarker m = (RoleMarker) o;
      if (m.role() == RoleMarker.Role.CLIP) {
        assertEquals(ChartStyle.DARK.text(), m.getPaint(), "clip lines are annotations");
      } else {
        Color c = (Color) m.getPaint();
        assertEquals(ChartStyle.DARK.text().getRGB() & 0xFFFFFF, c.getRGB() & 0xFFFFFF);
        assertTrue(c.getAlpha() < 255, "levels are faint");
      }
    }
  }

  @Test
  void stripSubplotsAreBothGreyData() {
    JFreeChart chart =
        ChannelStripChart.create(ENGLISH_TEXT, "c", new float[] {1, 2}, new double[] {3, 4}, null)
            .chart();
    for (ChartStyle style : ChartStyle.values()) {
      style.apply(chart);
      var subplots = ((CombinedDomainXYPlot) chart.getPlot()).getSubplots();
      assertEquals(2, subplots.size());
      for (var subplot : subplots) {
        assertEquals(style.colour(PlanRole.DATA), subplot.getRenderer().getSeriesPaint(0));
      }
    }
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
}
