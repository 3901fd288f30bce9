package io.quantlens.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.text.Language;
import io.quantlens.text.Messages;
import java.awt.image.BufferedImage;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelStripChartTest {
  private static final Messages ENGLISH_TEXT = Language.ENGLISH.messages();
  private static final int GROUPS = 366_000;

  @TempDir Path dir;

  @Test
  void aShortStripDrawsEveryFiniteGroupAndSkipsExactOnes() {
    float[] scales = {0.01f, 0.02f, 0.015f, 0.03f, 0.025f};
    double[] sqnr = {20.5, Double.POSITIVE_INFINITY, 19.0, 22.25, 21.0};
    JFreeChart chart =
        ChannelStripChart.create(ENGLISH_TEXT, "output channel", scales, sqnr, null).chart();
    XYDataset scaleData = subplot(chart, 0).getDataset();
    XYDataset sqnrData = subplot(chart, 1).getDataset();
    assertEquals(5, scaleData.getItemCount(0));
    for (int i = 0; i < 5; i++) {
      assertEquals(i, scaleData.getXValue(0, i));
      assertEquals((double) scales[i], scaleData.getYValue(0, i));
    }
    assertEquals(4, sqnrData.getItemCount(0));
    var tooltips = subplot(chart, 1).getRenderer().getDefaultToolTipGenerator();
    assertEquals("output channel 2: 19.00 dB", tooltips.generateToolTip(sqnrData, 0, 1));
    double[] x = {0, 2, 3, 4};
    double[] y = {20.5, 19.0, 22.25, 21.0};
    for (int i = 0; i < 4; i++) {
      assertEquals(x[i], sqnrData.getXValue(0, i));
      assertEquals(y[i], sqnrData.getYValue(0, i));
    }
    var range = subplot(chart, 1).getRangeAxis().getRange();
    assertTrue(range.getLowerBound() <= 19 && range.getUpperBound() >= 22.25, range.toString());
    assertTrue(Double.isFinite(range.getUpperBound()));
    assertTrue(
        WeightHistogramChartTest.subtitles(chart).contains("1 exact groups (+∞ dB) not drawn"));
    assertEquals("output channel", plot(chart).getDomainAxis().getLabel());
  }

  @Test
  void aLongStripDrawsAtMost2000PointsTracingEachBucketsMinAndMax() {
    Random random = new Random(11);
    float[] scales = new float[GROUPS];
    double[] sqnr = new double[GROUPS];
    for (int i = 0; i < GROUPS; i++) {
      scales[i] = (float) (0.001 + 0.002 * random.nextDouble());
      sqnr[i] = i % 1000 == 7 ? Double.POSITIVE_INFINITY : 25 + 3 * random.nextGaussian();
    }
    sqnr[123_456] = -4.5; // one bad group must survive down-sampling
    JFreeChart chart =
        ChannelStripChart.create(ENGLISH_TEXT, "block of 32", scales, sqnr, "t").chart();
    XYDataset drawnScales = subplot(chart, 0).getDataset();
    XYDataset drawnSqnr = subplot(chart, 1).getDataset();
    assertTrue(drawnScales.getItemCount(0) <= 2000, "scale points " + drawnScales.getItemCount(0));
    assertTrue(drawnSqnr.getItemCount(0) <= 2000, "SQNR points " + drawnSqnr.getItemCount(0));
    assertTrue(drawnSqnr.getItemCount(0) >= 1000, "SQNR points " + drawnSqnr.getItemCount(0));

    // Reference envelope: 1000 buckets [b·n/1000, (b+1)·n/1000), finite values only.
    for (int b = 0; b < 1000; b++) {
      int start = (int) ((long) b * GROUPS / 1000);
      int end = (int) ((long) (b + 1) * GROUPS / 1000);
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = start; i < end; i++) {
        if (Double.isFinite(sqnr[i])) {
          min = Math.min(min, sqnr[i]);
          max = Math.max(max, sqnr[i]);
        }
      }
      double drawnMin = Double.POSITIVE_INFINITY;
      double drawnMax = Double.NEGATIVE_INFINITY;
      for (int item = 0; item < drawnSqnr.getItemCount(0); item++) {
        double x = drawnSqnr.getXValue(0, item);
        if (x >= start && x < end) {
          double y = drawnSqnr.getYValue(0, item);
          assertEquals(sqnr[(int) x], y, "a drawn point is a real group");
          drawnMin = Math.min(drawnMin, y);
          drawnMax = Math.max(drawnMax, y);
        }
      }
      assertEquals(min, drawnMin, "bucket " + b + " min");
      assertEquals(max, drawnMax, "bucket " + b + " max");
    }
    assertTrue(subplot(chart, 1).getRangeAxis().getLowerBound() <= -4.5);
    String notes = WeightHistogramChartTest.subtitles(chart);
    assertTrue(notes.contains("366 exact groups (+∞ dB) not drawn"), notes);
    assertTrue(notes.contains("366,000 groups drawn as the min–max envelope"), notes);
    BufferedImage image = ChartExport.image(chart, 800, 500, 1);
    assertTrue(Images.distinctColours(image) > 20);
  }

  @Test
  void theCsvHasEveryGroupExactly() throws Exception {
    Random random = new Random(5);
    float[] scales = new float[GROUPS];
    double[] sqnr = new double[GROUPS];
    for (int i = 0; i < GROUPS; i++) {
      scales[i] = (float) random.nextDouble() / 1000;
      sqnr[i] = i % 50_000 == 0 ? Double.POSITIVE_INFINITY : 30 * random.nextDouble();
    }
    BuiltChart built = ChannelStripChart.create(ENGLISH_TEXT, "block of 32", scales, sqnr, null);
    assertTrue(subplot(built.chart(), 1).getDataset().getItemCount(0) <= 2000);
    Path file = dir.resolve("strip.csv");
    ChartExport.csv(built, file);
    try (Reader in = Files.newBufferedReader(file);
        CSVParser csv =
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
      assertEquals(List.of("group", "scale", "sqnr_db"), csv.getHeaderNames());
      List<CSVRecord> rows = csv.getRecords();
      assertEquals(GROUPS, rows.size());
      for (int i = 0; i < GROUPS; i++) {
        CSVRecord row = rows.get(i);
        assertEquals(i, Integer.parseInt(row.get(0)));
        assertEquals(scales[i], Float.parseFloat(row.get(1)), "scale " + i);
        if (i % 50_000 == 0) {
          assertEquals("inf", row.get(2));
        } else {
          assertEquals(sqnr[i], Double.parseDouble(row.get(2)), "SQNR " + i);
        }
      }
    }
  }

  @Test
  void nanScalesLeaveAnEmptyScalePlotWithANote() {
    float[] scales = {Float.NaN, Float.NaN, Float.NaN};
    double[] sqnr = {60.1, 59.8, 61.0};
    BuiltChart built =
        ChannelStripChart.create(ENGLISH_TEXT, "output channel", scales, sqnr, "FP16");
    XYPlot scalePlot = subplot(built.chart(), 0);
    assertEquals(0, scalePlot.getDataset().getItemCount(0));
    assertEquals("No scales: this format has none", scalePlot.getNoDataMessage());
    assertFalse(scalePlot.getRangeAxis().isTickLabelsVisible(), "no made-up 0–1 scale ticks");
    assertEquals(3, subplot(built.chart(), 1).getDataset().getItemCount(0));
    BufferedImage image = ChartExport.image(built.chart(), 600, 400, 1);
    assertTrue(Images.distinctColours(image) > 20);
    assertEquals(List.of("1", "", "59.8"), built.table().row(1));
  }

  @Test
  void everyGroupExactStillRenders() {
    double inf = Double.POSITIVE_INFINITY;
    BuiltChart built =
        ChannelStripChart.create(
            ENGLISH_TEXT, "channel", new float[] {1f, 2f}, new double[] {inf, inf}, null);
    XYPlot sqnrPlot = subplot(built.chart(), 1);
    assertEquals(0, sqnrPlot.getDataset().getItemCount(0));
    assertEquals("Every group exact (+∞ dB)", sqnrPlot.getNoDataMessage());
    assertTrue(Double.isFinite(sqnrPlot.getRangeAxis().getUpperBound()));
    ChartExport.image(built.chart(), 400, 300, 2);
    assertEquals(List.of("0", "1.0", "inf"), built.table().row(0));
  }

  @Test
  void emptyStripRenders() {
    BuiltChart built =
        ChannelStripChart.create(ENGLISH_TEXT, "channel", new float[0], new double[0], null);
    assertEquals(0, built.table().rowCount());
    ChartExport.image(built.chart(), 300, 200, 1);
  }

  @Test
  void lengthsMustMatch() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ChannelStripChart.create(ENGLISH_TEXT, "c", new float[2], new double[3], null));
  }

  private static CombinedDomainXYPlot plot(JFreeChart chart) {
    return (CombinedDomainXYPlot) chart.getPlot();
  }

  private static XYPlot subplot(JFreeChart chart, int index) {
    return plot(chart).getSubplots().get(index);
  }
}
