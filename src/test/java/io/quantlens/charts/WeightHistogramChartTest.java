package io.quantlens.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.quant.Histogram;
import io.quantlens.text.Language;
import io.quantlens.text.Messages;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.IntervalXYDataset;
import org.junit.jupiter.api.Test;

class WeightHistogramChartTest {
  private static final Messages ENGLISH_TEXT = Language.ENGLISH.messages();

  /** Seven bins of width 0.4 over [−1.4, 1.4], two of them empty. */
  private static final Histogram SMALL =
      new Histogram(-1.4, 1.4, new long[] {0, 3, 10, 25, 10, 0, 2}, 4, 1);

  private static final double[] EDGES = {-1.4, -1.0, -0.6, -0.2, 0.2, 0.6, 1.0, 1.4};

  @Test
  void datasetHoldsEveryBinWithItsEdgesAndCount() {
    JFreeChart chart =
        WeightHistogramChart.create(
                ENGLISH_TEXT, SMALL, false, new double[0], Double.NaN, Double.NaN, null)
            .chart();
    IntervalXYDataset data = (IntervalXYDataset) chart.getXYPlot().getDataset();
    long[] counts = {0, 3, 10, 25, 10, 0, 2};
    assertEquals(7, data.getItemCount(0));
    for (int i = 0; i < 7; i++) {
      assertEquals(EDGES[i], data.getStartXValue(0, i), 1e-12, "start of bin " + i);
      assertEquals(EDGES[i + 1], data.getEndXValue(0, i), 1e-12, "end of bin " + i);
      assertEquals((EDGES[i] + EDGES[i + 1]) / 2, data.getXValue(0, i), 1e-12);
      assertEquals(counts[i], data.getYValue(0, i));
    }
    assertEquals(
        "[-1, -0.6): 3",
        chart.getXYPlot().getRenderer().getDefaultToolTipGenerator().generateToolTip(data, 0, 1));
    assertInstanceOf(NumberAxis.class, chart.getXYPlot().getRangeAxis());
    assertEquals(0.0, chart.getXYPlot().getRangeAxis().getLowerBound());
  }

  @Test
  void logAxisLeavesOutEmptyBinsAndRenders() {
    JFreeChart chart =
        WeightHistogramChart.create(
                ENGLISH_TEXT, SMALL, true, new double[0], Double.NaN, Double.NaN, "log")
            .chart();
    XYPlot plot = chart.getXYPlot();
    LogAxis axis = assertInstanceOf(LogAxis.class, plot.getRangeAxis());
    assertTrue(axis.getLowerBound() > 0 && axis.getLowerBound() < 1, "floor below a count of 1");
    assertTrue(axis.getUpperBound() >= 25);
    IntervalXYDataset data = (IntervalXYDataset) plot.getDataset();
    assertEquals(5, data.getItemCount(0));
    long[] nonEmpty = {3, 10, 25, 10, 2};
    double[] starts = {-1.0, -0.6, -0.2, 0.2, 1.0};
    for (int i = 0; i < 5; i++) {
      assertEquals(nonEmpty[i], data.getYValue(0, i));
      assertEquals(starts[i], data.getStartXValue(0, i), 1e-12);
    }
    BufferedImage image = ChartExport.image(chart, 600, 400, 1);
    assertTrue(Images.distinctColours(image) > 20, "a drawn chart, not a flat image");
    assertTrue(Images.count(image, ChartStyle.LIGHT.colour(PlanRole.DATA)) > 500, "bars drawn");
  }

  @Test
  void logAxisRendersAnAllEmptyHistogram() {
    Histogram empty = new Histogram(0, 1, new long[10], 0, 0);
    JFreeChart chart =
        WeightHistogramChart.create(
                ENGLISH_TEXT, empty, true, new double[0], Double.NaN, Double.NaN, null)
            .chart();
    assertEquals(0, chart.getXYPlot().getDataset().getItemCount(0));
    BufferedImage image = ChartExport.image(chart, 400, 300, 1);
    assertEquals(400, image.getWidth());
  }

  @Test
  void levelsAreThinLinesAndTheClipRangeTwoLabelledDashedOnes() {
    double clip = 1.2;
    double[] levels = ChartFixtures.int4Levels(clip);
    JFreeChart chart =
        WeightHistogramChart.create(ENGLISH_TEXT, SMALL, false, levels, -clip, clip, "INT4")
            .chart();
    List<RoleMarker> level = markers(chart, RoleMarker.Role.LEVEL);
    List<RoleMarker> clips = markers(chart, RoleMarker.Role.CLIP);
    assertEquals(15, level.size());
    for (int k = -7; k <= 7; k++) {
      assertEquals(k * (1.2 / 7), level.get(k + 7).getValue(), 1e-12);
    }
    assertEquals(2, clips.size());
    assertEquals(-1.2, clips.get(0).getValue());
    assertEquals(1.2, clips.get(1).getValue());
    assertEquals("clip -1.2", clips.get(0).getLabel());
    assertEquals("clip 1.2", clips.get(1).getLabel());
    assertTrue(
        ((java.awt.BasicStroke) clips.get(0).getStroke()).getDashArray() != null, "clip dashed");
    assertTrue(subtitles(chart).contains("15 quantization levels as thin lines"));
  }

  @Test
  void theAxisWidensToAClipRangeBeyondTheBins() {
    JFreeChart chart =
        WeightHistogramChart.create(ENGLISH_TEXT, SMALL, false, new double[0], -2, 3, null).chart();
    var axis = chart.getXYPlot().getDomainAxis();
    assertTrue(axis.getLowerBound() < -2 && axis.getUpperBound() > 3, axis.getRange().toString());
  }

  @Test
  void levelsTooCloseToTellApartAreShadedAsOneBand() {
    // INT8's grid, Δ = 0.01 over the axis's ≈ 2.6 wide view at 400 px: ≈ 1.5 px apart.
    double[] int8 = new double[256];
    for (int i = 0; i < int8.length; i++) {
      int8[i] = (i - 128) * 0.01;
    }
    JFreeChart chart =
        WeightHistogramChart.create(ENGLISH_TEXT, SMALL, false, int8, -1.28, 1.27, null).chart();
    assertEquals(0, markers(chart, RoleMarker.Role.LEVEL).size());
    assertEquals(2, markers(chart, RoleMarker.Role.CLIP).size());
    List<LevelBand> bands =
        chart.getXYPlot().getDomainMarkers(0, Layer.BACKGROUND).stream()
            .filter(LevelBand.class::isInstance)
            .map(LevelBand.class::cast)
            .toList();
    assertEquals(1, bands.size());
    assertEquals(-1.28, bands.get(0).getStartValue(), 1e-12);
    assertEquals(1.27, bands.get(0).getEndValue(), 1e-12);
    assertTrue(subtitles(chart).contains("256 quantization levels"), subtitles(chart));
    assertTrue(subtitles(chart).contains("shaded as a band"), subtitles(chart));

    // The same grid on a plot ten times wider is 15 px apart: lines again.
    JFreeChart wide =
        WeightHistogramChart.create(ENGLISH_TEXT, SMALL, false, int8, -1.28, 1.27, null, 4000, null)
            .chart();
    assertEquals(256, markers(wide, RoleMarker.Role.LEVEL).size());
  }

  @Test
  void noLevelsNoClipNoMarkers() {
    JFreeChart chart =
        WeightHistogramChart.create(
                ENGLISH_TEXT, SMALL, false, new double[0], Double.NaN, Double.NaN, null)
            .chart();
    assertEquals(List.of(), markers(chart, null));
    assertTrue(chart.getTitle() == null, "no title asked for");
  }

  @Test
  void valuesOutsideTheBinsAreNamedInANote() {
    JFreeChart chart =
        WeightHistogramChart.create(
                ENGLISH_TEXT, SMALL, false, new double[0], Double.NaN, Double.NaN, null)
            .chart();
    assertTrue(subtitles(chart).contains("Not shown: 4 values below -1.4, 1 above 1.4"));
  }

  @Test
  void tableHasEveryBinPlusUnderflowAndOverflowRows() {
    ChartTable table =
        WeightHistogramChart.create(
                ENGLISH_TEXT, SMALL, false, new double[0], Double.NaN, Double.NaN, null)
            .table();
    assertEquals(List.of("bin_lo", "bin_hi", "count"), table.headers());
    assertEquals(9, table.rowCount());
    assertEquals(List.of("-inf", "-1.4", "4"), table.row(0));
    assertEquals(List.of("1.4", "inf", "1"), table.row(8));
    long[] counts = {0, 3, 10, 25, 10, 0, 2};
    for (int b = 0; b < 7; b++) {
      List<String> row = table.row(b + 1);
      assertEquals(EDGES[b], Double.parseDouble(row.get(0)), 1e-12);
      assertEquals(EDGES[b + 1], Double.parseDouble(row.get(1)), 1e-12);
      assertEquals(counts[b], Long.parseLong(row.get(2)));
    }
    // the last edge is hi itself, not lo + 7·width rounded
    assertEquals("1.4", table.cell(7, 1));
  }

  @Test
  void aHistogramWithoutOutliersHasOnlyBinRows() {
    Histogram h = new Histogram(0, 1, new long[] {1, 2}, 0, 0);
    ChartTable table =
        WeightHistogramChart.create(
                ENGLISH_TEXT, h, false, new double[0], Double.NaN, Double.NaN, null)
            .table();
    assertEquals(List.of(List.of("0.0", "0.5", "1"), List.of("0.5", "1.0", "2")), rows(table));
  }

  static List<List<String>> rows(ChartTable table) {
    List<List<String>> rows = new ArrayList<>();
    for (int r = 0; r < table.rowCount(); r++) {
      rows.add(table.row(r));
    }
    return rows;
  }

  static String subtitles(JFreeChart chart) {
    StringBuilder text = new StringBuilder();
    for (Object t : chart.getSubtitles()) {
      if (t instanceof TextTitle title) {
        text.append(title.getText()).append('\n');
      }
    }
    return text.toString();
  }

  private static List<RoleMarker> markers(JFreeChart chart, RoleMarker.Role role) {
    List<RoleMarker> out = new ArrayList<>();
    for (Layer layer : new Layer[] {Layer.FOREGROUND, Layer.BACKGROUND}) {
      Collection<?> markers = chart.getXYPlot().getDomainMarkers(layer);
      if (markers != null) {
        for (Object o : markers) {
          if (!(o instanceof RoleMarker m)) {
            continue; // a level band
          }
          if (role == null || m.role() == role) {
            out.add(m);
          }
        }
      }
    }
    return out;
  }
}
