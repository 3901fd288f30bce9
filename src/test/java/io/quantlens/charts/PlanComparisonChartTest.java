package io.quantlens.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.text.Language;
import io.quantlens.text.Messages;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.CategoryDataset;
import org.junit.jupiter.api.Test;

class PlanComparisonChartTest {
  private static final Messages ENGLISH_TEXT = Language.ENGLISH.messages();
  private static final List<String> METRICS =
      List.of("size", "bytes / inference", "energy / inference");
  private static final List<Series> PLANS =
      List.of(
          new Series("FP32", PlanRole.FP32, new double[] {100, 100, 100}),
          new Series("current", PlanRole.CURRENT, new double[] {27.4, 31.25, 44.9}),
          new Series("pinned", PlanRole.PINNED, new double[] {34.0, Double.NaN, 52.3}));

  @Test
  void datasetHoldsEveryValueAndLabelsTheBars() {
    JFreeChart chart =
        PlanComparisonChart.create(ENGLISH_TEXT, METRICS, PLANS, "% of FP32", "Plans").chart();
    CategoryPlot plot = chart.getCategoryPlot();
    assertEquals(PlotOrientation.VERTICAL, plot.getOrientation());
    CategoryDataset data = plot.getDataset();
    assertEquals(List.of("FP32", "current", "pinned"), data.getRowKeys());
    assertEquals(METRICS, data.getColumnKeys());
    assertEquals(100.0, data.getValue(0, 2).doubleValue());
    assertEquals(27.4, data.getValue(1, 0).doubleValue());
    assertEquals(31.25, data.getValue(1, 1).doubleValue());
    assertNull(data.getValue(2, 1), "NaN is not drawn");
    assertEquals(52.3, data.getValue(2, 2).doubleValue());

    BarRenderer bars = (BarRenderer) plot.getRenderer();
    assertFalse(bars.getDefaultItemLabelsVisible(), "three bars a group: no room for labels");
    assertTrue(
        ((BarRenderer)
                PlanComparisonChart.create(ENGLISH_TEXT, METRICS, PLANS.subList(0, 2), "%", null)
                    .chart()
                    .getCategoryPlot()
                    .getRenderer())
            .getDefaultItemLabelsVisible(),
        "two bars a group are labelled");
    var labels = bars.getDefaultItemLabelGenerator();
    assertEquals("27.4", labels.generateLabel(data, 1, 0));
    assertEquals("100", labels.generateLabel(data, 0, 0));
    assertEquals("44.9", labels.generateLabel(data, 1, 2));
    assertEquals("31.3", labels.generateLabel(data, 1, 1), "half up");
    assertEquals("% of FP32", plot.getRangeAxis().getLabel());
    assertTrue(plot.getRangeAxis().getUpperBound() > 100, "room for the labels above 100");
    assertEquals(RectangleEdge.BOTTOM, ((LegendTitle) chart.getLegend()).getPosition());
    assertEquals("Not drawn, no value: pinned (1)\n", WeightHistogramChartTest.subtitles(chart));
  }

  /** The colours follow the roles, not the order: as stored first here, FP32 second. */
  @Test
  void barsAreInTheirRolesColours() {
    List<Series> plans =
        List.of(
            new Series("as stored", PlanRole.AS_STORED, new double[] {100, 100, 100}),
            PLANS.get(0),
            PLANS.get(1),
            PLANS.get(2));
    JFreeChart chart =
        PlanComparisonChart.create(ENGLISH_TEXT, METRICS, plans, "% of stored", null).chart();
    for (ChartStyle style : List.of(ChartStyle.LIGHT, ChartStyle.DARK, ChartStyle.LIGHT)) {
      style.apply(chart);
      var bars = chart.getCategoryPlot().getRenderer();
      assertEquals(style.colour(PlanRole.AS_STORED), bars.getSeriesPaint(0));
      assertEquals(style.colour(PlanRole.FP32), bars.getSeriesPaint(1));
      assertEquals(style.colour(PlanRole.CURRENT), bars.getSeriesPaint(2));
      assertEquals(style.colour(PlanRole.PINNED), bars.getSeriesPaint(3));
      var legend = chart.getCategoryPlot().getLegendItems();
      assertEquals(style.colour(PlanRole.PINNED), legend.get(3).getFillPaint());
    }
    assertEquals(0x0072B2, ChartStyle.LIGHT.colour(PlanRole.CURRENT).getRGB() & 0xFFFFFF);
  }

  @Test
  void tableHasOneRowPerMetric() {
    ChartTable table =
        PlanComparisonChart.create(ENGLISH_TEXT, METRICS, PLANS, "% of FP32", null).table();
    assertEquals(List.of("metric", "FP32", "current", "pinned"), table.headers());
    assertEquals(List.of("size", "100.0", "27.4", "34.0"), table.row(0));
    assertEquals(List.of("bytes / inference", "100.0", "31.25", ""), table.row(1));
    assertEquals(List.of("energy / inference", "100.0", "44.9", "52.3"), table.row(2));
  }

  @Test
  void repeatedNamesAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            PlanComparisonChart.create(
                ENGLISH_TEXT,
                List.of("size", "size"),
                List.of(new Series("a", new double[2])),
                "%",
                null));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            PlanComparisonChart.create(
                ENGLISH_TEXT,
                List.of("size"),
                List.of(new Series("a", new double[1]), new Series("a", new double[1])),
                "%",
                null));
  }
}
