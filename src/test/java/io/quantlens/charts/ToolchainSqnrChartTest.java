package io.quantlens.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.text.Language;
import io.quantlens.text.Messages;
import java.awt.Color;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.title.TextTitle;
import org.junit.jupiter.api.Test;

/**
 * The toolchains chart: a line per artifact over the original's layers, exact layers on a dashed
 * line above every finite value, missing layers left out and counted, each artifact its own colour.
 */
class ToolchainSqnrChartTest {
  private static final Messages EN = Language.ENGLISH.messages();
  private static final List<String> LAYERS =
      List.of("model.layers.0.q_proj", "model.layers.0.k_proj", "lm_head");

  @Test
  void exactLayersSitOnALineAboveTheFiniteOnesAndMissingOnesAreCounted() {
    List<Series> artifacts =
        List.of(
            new Series("a.gguf", new double[] {Double.POSITIVE_INFINITY, 40.0, 23.5}),
            new Series("b.onnx", new double[] {21.0, Double.NaN, 22.0}));
    BuiltChart built = ToolchainSqnrChart.create(EN, LAYERS, artifacts, "t");
    CategoryPlot plot = built.chart().getCategoryPlot();
    assertEquals(2, plot.getDataset(0).getRowCount());
    assertEquals(3, plot.getDataset(0).getColumnCount());
    // +inf is not a point of the line; it is a triangle at 50 dB, the round step above 40 + 5
    assertNull(plot.getDataset(0).getValue(0, 0));
    assertEquals(50.0, plot.getDataset(1).getValue(0, 0).doubleValue());
    assertNull(plot.getDataset(1).getValue(0, 1));
    assertNull(plot.getDataset(0).getValue(1, 1));
    ValueMarker line =
        (ValueMarker) plot.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND).iterator().next();
    assertEquals(50.0, line.getValue());
    assertEquals("exact (no error)", line.getLabel());
    String notes = notes(built.chart());
    assertTrue(notes.contains("a.gguf (1)"), notes);
    assertTrue(notes.contains("layers a file lacks, not drawn: b.onnx (1)"), notes);
    assertEquals("inf", built.table().cell(0, 1));
    assertEquals("", built.table().cell(1, 2));
    assertFalse(plot.getRenderer(1).isSeriesVisibleInLegend(0));
  }

  @Test
  void artifactsTakeDistinctColoursInBothStyles() {
    List<Series> artifacts =
        List.of(
            new Series("a", new double[] {1, 2, 3}),
            new Series("b", new double[] {1, 2, 3}),
            new Series("c", new double[] {1, 2, 3}));
    JFreeChart chart = ToolchainSqnrChart.create(EN, LAYERS, artifacts, null).chart();
    for (ChartStyle style : ChartStyle.values()) {
      style.apply(chart);
      var renderer = chart.getCategoryPlot().getRenderer(0);
      Color a = (Color) renderer.getSeriesPaint(0);
      Color b = (Color) renderer.getSeriesPaint(1);
      Color c = (Color) renderer.getSeriesPaint(2);
      assertEquals(3, List.of(a, b, c).stream().distinct().count(), style.name());
      assertEquals(a, chart.getCategoryPlot().getRenderer(1).getSeriesPaint(0));
    }
  }

  @Test
  void withNoFiniteValueTheExactLineIsAtTenDecibels() {
    assertEquals(10.0, ToolchainSqnrChart.exactLine(Double.NEGATIVE_INFINITY));
    assertEquals(30.0, ToolchainSqnrChart.exactLine(23.08));
    assertEquals(30.0, ToolchainSqnrChart.exactLine(25.0));
  }

  private static String notes(JFreeChart chart) {
    StringBuilder s = new StringBuilder();
    for (Object t : chart.getSubtitles()) {
      if (t instanceof TextTitle text) {
        s.append(text.getText()).append('\n');
      }
    }
    return s.toString();
  }
}
