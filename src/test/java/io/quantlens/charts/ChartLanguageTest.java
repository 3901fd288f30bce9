package io.quantlens.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantlens.quant.Histogram;
import io.quantlens.text.Language;
import io.quantlens.text.Messages;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.TickUnitSource;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.IntervalXYDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A chart speaks the language it is built in, whatever the JVM's default locale: its labels and
 * notes come from that language's bundle, its ticks and tooltips use its separators.
 */
class ChartLanguageTest {
  private static final Locale BEFORE = Locale.getDefault();
  private static final Messages VI = Language.VIETNAMESE.messages();
  private static final Messages EN = Language.ENGLISH.messages();

  /** Seven bins of width 0.4 over [−1.4, 1.4], 4 values below and 1,234 above. */
  private static final Histogram SMALL =
      new Histogram(-1.4, 1.4, new long[] {0, 3, 10, 25, 10, 0, 2}, 4, 1234);

  @AfterEach
  void restoreLocale() {
    Locale.setDefault(BEFORE);
  }

  @Test
  void aVietnameseHistogramWritesVietnameseWordsAndDecimalCommas() {
    Locale.setDefault(Locale.US);
    JFreeChart chart =
        WeightHistogramChart.create(VI, SMALL, false, new double[0], -1.0, 1.0, null).chart();
    NumberAxis x = (NumberAxis) chart.getXYPlot().getDomainAxis();
    NumberAxis y = (NumberAxis) chart.getXYPlot().getRangeAxis();
    assertEquals("trọng số", x.getLabel());
    assertEquals("số lượng", y.getLabel());
    assertEquals("0,2", tick(x.getStandardTickUnits(), 0.2, 0.2));
    assertEquals("-0,25", tick(x.getStandardTickUnits(), 0.05, -0.25));
    assertEquals("12.000", tick(y.getStandardTickUnits(), 2000, 12_000));
    IntervalXYDataset data = (IntervalXYDataset) chart.getXYPlot().getDataset();
    assertEquals(
        "[-1; -0,6): 3",
        chart.getXYPlot().getRenderer().getDefaultToolTipGenerator().generateToolTip(data, 0, 1));
    assertEquals(
        "khoảng cắt ngưỡng vẽ nét đứt · Không hiện: 4 giá trị dưới -1,4, 1.234 giá trị trên 1,4",
        ((TextTitle) chart.getSubtitle(0)).getText());
  }

  @Test
  void anEnglishChartOnAVietnameseSystemKeepsThePoint() {
    Locale.setDefault(Locale.forLanguageTag("vi-VN"));
    JFreeChart chart =
        SqnrBarChart.create(
                EN,
                List.of("a", "b"),
                List.of(new Series("current plan", PlanRole.CURRENT, new double[] {12.5, 30})),
                null)
            .chart();
    NumberAxis db = (NumberAxis) chart.getCategoryPlot().getRangeAxis();
    assertEquals("SQNR (dB)", db.getLabel());
    assertEquals("2.5", tick(db.getStandardTickUnits(), 0.5, 2.5));
    assertEquals("12,000", tick(db.getStandardTickUnits(), 2000, 12_000));
  }

  @Test
  void pluralsAreEnglishOnlyAndVietnameseCountsAlone() {
    double[] two = {-0.5, 0.5};
    String en =
        note(WeightHistogramChart.create(EN, SMALL, false, two, Double.NaN, Double.NaN, null));
    String vi =
        note(WeightHistogramChart.create(VI, SMALL, false, two, Double.NaN, Double.NaN, null));
    assertEquals("2 quantization levels as thin lines", en.split(" · ")[0]);
    assertEquals("2 mức lượng tử, vẽ bằng nét mảnh", vi.split(" · ")[0]);
    double[] one = {0.5};
    String single =
        note(WeightHistogramChart.create(EN, SMALL, false, one, Double.NaN, Double.NaN, null));
    assertEquals("1 quantization level as thin lines", single.split(" · ")[0]);
  }

  private static String note(BuiltChart chart) {
    return ((TextTitle) chart.chart().getSubtitle(0)).getText();
  }

  /** {@code value} as the tick unit nearest {@code size} writes it. */
  private static String tick(TickUnitSource units, double size, double value) {
    return units.getCeilingTickUnit(size).valueToString(value);
  }

  @Test
  void aVietnameseLogAxisWritesItsExponentsWithADecimalComma() {
    double[] x = {1, 10, 100, 1000};
    double[] y = {1, 3, 9, 27};
    JFreeChart chart =
        LessonCharts.lines(
                VI,
                null,
                "x",
                "y",
                List.of(new LessonCharts.Line("a", x, y, PlanRole.CURRENT, false, true)),
                true,
                true,
                new double[0],
                List.of())
            .chart();
    org.jfree.chart.axis.LogAxis log =
        (org.jfree.chart.axis.LogAxis) chart.getXYPlot().getRangeAxis();
    assertEquals("0,5", tick(log.getStandardTickUnits(), 0.5, 0.5));
  }
}
