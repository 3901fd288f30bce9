package io.quantlens.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.quant.Histogram;
import io.quantlens.text.Language;
import io.quantlens.text.Messages;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.IntervalXYDataset;
import org.junit.jupiter.api.Test;

class ErrorHistogramChartTest {
  private static final Messages ENGLISH_TEXT = Language.ENGLISH.messages();

  @Test
  void barsAreTheErrorCounts() {
    Histogram errors = new Histogram(-0.004, 0.004, new long[] {5, 40, 41, 6}, 0, 0);
    BuiltChart built = ErrorHistogramChart.create(ENGLISH_TEXT, errors, "error");
    JFreeChart chart = built.chart();
    IntervalXYDataset data = (IntervalXYDataset) chart.getXYPlot().getDataset();
    double[] edges = {-0.004, -0.002, 0.0, 0.002, 0.004};
    long[] counts = {5, 40, 41, 6};
    assertEquals(4, data.getItemCount(0));
    for (int i = 0; i < 4; i++) {
      assertEquals(edges[i], data.getStartXValue(0, i), 1e-15);
      assertEquals(edges[i + 1], data.getEndXValue(0, i), 1e-15);
      assertEquals(counts[i], data.getYValue(0, i));
    }
    assertEquals("error x − x̂", chart.getXYPlot().getDomainAxis().getLabel());
    assertEquals("error", chart.getTitle().getText());
    assertEquals("", WeightHistogramChartTest.subtitles(chart));
    assertEquals(List.of("bin_lo", "bin_hi", "count"), built.table().headers());
    assertEquals(4, built.table().rowCount());
    assertEquals("41", built.table().cell(2, 2));
  }

  @Test
  void outliersAreNamed() {
    Histogram errors = new Histogram(-1, 1, new long[] {1, 1}, 2, 3);
    JFreeChart chart = ErrorHistogramChart.create(ENGLISH_TEXT, errors, null).chart();
    assertTrue(
        WeightHistogramChartTest.subtitles(chart)
            .contains("Not shown: 2 values below -1, 3 above 1"));
  }
}
