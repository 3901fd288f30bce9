package io.quantlens.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.model.TensorNames;
import io.quantlens.text.Language;
import io.quantlens.text.Messages;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.entity.CategoryItemEntity;
import org.jfree.chart.entity.CategoryLabelEntity;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.CategoryDataset;
import org.junit.jupiter.api.Test;

class SqnrBarChartTest {
  private static final Messages ENGLISH_TEXT = Language.ENGLISH.messages();
  private static final double INF = Double.POSITIVE_INFINITY;

  @Test
  void datasetHoldsTheValuesUnderShortLabels() {
    List<String> layers =
        List.of(
            "/encoder/layer.0/attention/self/query/MatMul", "/encoder/layer.1/output/dense/MatMul");
    List<Series> series =
        List.of(
            new Series("current plan", PlanRole.CURRENT, new double[] {31.5, INF}),
            new Series("INT8", PlanRole.INT8, new double[] {38.25, 40.0}));
    JFreeChart chart = SqnrBarChart.create(ENGLISH_TEXT, layers, series, "SQNR").chart();
    assertEquals(
        ChartStyle.LIGHT.colour(PlanRole.CURRENT),
        chart.getCategoryPlot().getRenderer().getSeriesPaint(0));
    assertEquals(
        ChartStyle.LIGHT.colour(PlanRole.INT8),
        chart.getCategoryPlot().getRenderer().getSeriesPaint(1));
    CategoryPlot plot = chart.getCategoryPlot();
    assertEquals(PlotOrientation.HORIZONTAL, plot.getOrientation());
    CategoryDataset data = plot.getDataset();
    assertEquals(List.of("current plan", "INT8"), data.getRowKeys());
    assertEquals(
        List.of("layer.0/attention/self/query/MatMul", "layer.1/output/dense/MatMul"),
        data.getColumnKeys());
    assertEquals(31.5, data.getValue(0, 0).doubleValue());
    assertNull(data.getValue(0, 1), "+Inf is not drawn");
    assertEquals(38.25, data.getValue(1, 0).doubleValue());
    assertEquals(40.0, data.getValue(1, 1).doubleValue());
    var axis = plot.getRangeAxis();
    assertTrue(Double.isFinite(axis.getUpperBound()) && axis.getUpperBound() >= 40);
    assertEquals(0.0, axis.getLowerBound());
    assertEquals(
        "Not drawn, FP32 (exact, +∞ dB): current plan (layer.1/output/dense/MatMul)\n",
        WeightHistogramChartTest.subtitles(chart));
  }

  @Test
  void manyExactLayersAreCountedAndNanIsNamedSeparately() {
    List<String> layers = List.of("a", "b", "c", "d");
    List<Series> series =
        List.of(
            new Series("current plan", new double[] {INF, INF, INF, 20}),
            new Series("FP16", new double[] {Double.NaN, 70, 71, 72}));
    JFreeChart chart = SqnrBarChart.create(ENGLISH_TEXT, layers, series, null).chart();
    assertEquals(
        "Not drawn, FP32 (exact, +∞ dB): current plan (3 layers) · No value: FP16 (1)\n",
        WeightHistogramChartTest.subtitles(chart));
  }

  @Test
  void tableHasFullNamesAndInf() {
    List<String> layers = ChartFixtures.miniLmLayers();
    double[] plan = ChartFixtures.sqnr(40, 30, 1);
    plan[0] = INF;
    BuiltChart built =
        SqnrBarChart.create(
            ENGLISH_TEXT,
            layers,
            List.of(
                new Series("current plan", plan),
                new Series("FP16", ChartFixtures.sqnr(40, 68, 2))),
            null);
    ChartTable table = built.table();
    assertEquals(List.of("layer", "current plan", "FP16"), table.headers());
    assertEquals(40, table.rowCount());
    assertEquals("/embeddings/word_embeddings/Gather", table.cell(0, 0));
    assertEquals("inf", table.cell(0, 1));
    double[] fp16 = ChartFixtures.sqnr(40, 68, 2);
    for (int r = 0; r < 40; r++) {
      assertEquals(layers.get(r), table.cell(r, 0));
      if (r > 0) {
        assertEquals(plan[r], Double.parseDouble(table.cell(r, 1)));
      }
      assertEquals(fp16[r], Double.parseDouble(table.cell(r, 2)));
    }
  }

  /** The labels of 40 MiniLM layers are drawn whole, inside the chart, one per bar group. */
  @Test
  void miniLmLabelsNeitherOverlapNorClip() {
    List<String> layers = ChartFixtures.miniLmLayers();
    List<Series> series = new ArrayList<>();
    String[] names = {"current plan", "FP16", "INT8", "pinned"};
    for (int s = 0; s < 4; s++) {
      series.add(new Series(names[s], ChartFixtures.sqnr(40, 30 + 10 * s, s)));
    }
    JFreeChart chart = SqnrBarChart.create(ENGLISH_TEXT, layers, series, "SQNR").chart();
    int width = 1000;
    int height = SqnrBarChart.preferredHeight(40, 4);
    ChartRenderingInfo info = new ChartRenderingInfo();
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g2 = image.createGraphics();
    chart.draw(g2, new Rectangle2D.Double(0, 0, width, height), info);
    g2.dispose();

    List<Rectangle2D> labels = new ArrayList<>();
    int bars = 0;
    for (Object o : info.getEntityCollection().getEntities()) {
      ChartEntity e = (ChartEntity) o;
      if (e instanceof CategoryLabelEntity) {
        labels.add(e.getArea().getBounds2D());
      } else if (e instanceof CategoryItemEntity item) {
        bars++;
        assertTrue(item.getToolTipText().startsWith("/"), "tooltip has the full name");
      }
    }
    assertEquals(160, bars);
    assertEquals(40, labels.size());
    labels.sort(Comparator.comparingDouble(Rectangle2D::getY));
    var metrics = g2.getFontMetrics(ChartStyle.TICK_FONT);
    for (int i = 0; i < labels.size(); i++) {
      Rectangle2D r = labels.get(i);
      assertTrue(r.getMinX() >= 0 && r.getMaxX() <= width, "inside: " + r);
      assertTrue(r.getHeight() < 2 * metrics.getHeight(), "one line, not wrapped: " + r);
      if (i > 0) {
        assertTrue(labels.get(i - 1).getMaxY() <= r.getMinY() + 0.5, "no overlap at " + i);
      }
    }
    List<String> shortLabels = TensorNames.abbreviate(layers);
    double widest = shortLabels.stream().mapToDouble(metrics::stringWidth).max().orElseThrow();
    double widestBox = labels.stream().mapToDouble(Rectangle2D::getWidth).max().orElseThrow();
    assertTrue(widestBox >= widest - 1, "not cut: " + widestBox + " < " + widest);
  }

  @Test
  void seriesMustMatchTheLayers() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            SqnrBarChart.create(
                ENGLISH_TEXT, List.of("a", "b"), List.of(new Series("x", new double[1])), null));
  }

  @Test
  void preferredHeightGrowsWithLayers() {
    assertEquals(150 + 40 * 22, SqnrBarChart.preferredHeight(40, 4));
    assertTrue(SqnrBarChart.preferredHeight(10, 1) < SqnrBarChart.preferredHeight(11, 1));
  }
}
